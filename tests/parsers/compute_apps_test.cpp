#include "parsers/compute_apps.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/parse_error.hpp"
#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

using strings = std::vector<std::string>;

const strings recorded_fields{"timestamp", "gpu_name", "gpu_bus_id",   "gpu_serial",
                              "gpu_uuid",  "pid",      "process_name", "used_gpu_memory"};

std::string recording(const char* machine, const char* file) {
  return test::read_file(test::fixtures_dir() / machine / file);
}

TEST(compute_apps, windows_rows_keep_paths_and_na_memory) {
  const auto apps = parse_compute_apps(
      recording("geforce-rtx-2080-super-windows__591.86", "compute-apps.idle.csv"), recorded_fields,
      {});
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_GE(apps->size(), 5u);
  const auto& nzxt = (*apps)[4];
  EXPECT_EQ(nzxt.pid, 20372);
  EXPECT_EQ(nzxt.process_name, "C:\\Program Files\\NZXT CAM\\NZXT CAM.exe");
  EXPECT_EQ(nzxt.used_memory_mib, std::nullopt);
  EXPECT_EQ(nzxt.used_memory.state, availability::not_available);
  EXPECT_EQ(nzxt.used_memory.raw, "[N/A]");
  EXPECT_EQ(nzxt.gpu_bus_id, "00000000:0C:00.0");
  EXPECT_EQ(nzxt.gpu_name, "NVIDIA GeForce RTX 2080 SUPER");
}

TEST(compute_apps, linux_rows_read_memory_in_mib) {
  const auto apps = parse_compute_apps(
      recording("h100-80gb-hbm3__590.48.01", "compute-apps.load.csv"), recorded_fields, {});
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_EQ(apps->size(), 3u);
  EXPECT_EQ((*apps)[2].process_name, "./gpu_burn");
  EXPECT_EQ((*apps)[2].used_memory_mib, 15690);
  EXPECT_EQ((*apps)[2].gpu_uuid, "GPU-00000000-0000-0000-0000-000000000000");
}

TEST(compute_apps, header_only_is_no_processes) {
  const auto apps = parse_compute_apps(
      recording("h100-80gb-hbm3__590.48.01", "compute-apps.idle.csv"), recorded_fields, {});
  ASSERT_TRUE(apps);
  EXPECT_TRUE(apps->empty());
}

TEST(compute_apps, aliases_and_nounits) {
  const strings fields{"gpu_uuid", "pid", "name", "used_memory"};
  const auto apps = parse_compute_apps("GPU-1, 42, python3, 1234\nGPU-2, 7, [N/A], [N/A]\n", fields,
                                       {.header = false, .units = false});
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_EQ(apps->size(), 2u);
  EXPECT_EQ((*apps)[0].process_name, "python3");
  EXPECT_EQ((*apps)[0].used_memory_mib, 1234);
  EXPECT_EQ((*apps)[1].process_name, "");
  EXPECT_EQ((*apps)[1].used_memory_mib, std::nullopt);
  EXPECT_TRUE((*apps)[0].gpu_bus_id.empty());
}

TEST(compute_apps, ragged_row_is_rejected) {
  const strings fields{"gpu_uuid", "pid", "process_name", "used_memory"};
  const auto apps = parse_compute_apps("GPU-1, 42, python3\n", fields, {.header = false});
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error(), make_error_code(parse_errc::ragged_row));
}

// The Windows load recording with two processes renamed to paths holding `, ` (nvidia-smi quotes
// nothing): the surplus cells belong to process_name, and no row is lost.
TEST(compute_apps, comma_in_a_windows_process_name_stays_in_the_name) {
  const auto apps = parse_compute_apps(
      recording("synthetic/windows-comma-in-process-name__591.86", "compute-apps.load.csv"),
      recorded_fields, {});
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_EQ(apps->size(), 12u);
  EXPECT_EQ((*apps)[4].pid, 20372);
  EXPECT_EQ((*apps)[4].process_name, "C:\\Program Files\\Foo, Inc\\app.exe");
  EXPECT_EQ((*apps)[4].used_memory.raw, "[N/A]");
  EXPECT_EQ((*apps)[8].pid, 16280);
  EXPECT_EQ((*apps)[8].process_name, "C:\\Games\\Rock, Paper, Scissors\\rps.exe");
  EXPECT_EQ((*apps)[8].gpu_uuid, "GPU-00000000-0000-0000-0000-000000000000");
  EXPECT_EQ((*apps)[11].pid, 26660);
}

// The sample format: the name is the third of four cells; spacing inside it is kept as printed.
TEST(compute_apps, comma_in_name_with_nounits_keeps_memory_and_spacing) {
  const strings fields{"gpu_uuid", "pid", "process_name", "used_memory"};
  const auto apps = parse_compute_apps("GPU-1, 42, C:\\A,B , C\\x.exe, 1234\n", fields,
                                       {.header = false, .units = false});
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_EQ((*apps)[0].process_name, "C:\\A,B , C\\x.exe");
  EXPECT_EQ((*apps)[0].used_memory_mib, 1234);
}

// Only the name may absorb cells: without it asked for, a surplus cell is still a ragged row.
TEST(compute_apps, surplus_cells_without_a_name_column_are_rejected) {
  const strings fields{"gpu_uuid", "pid", "used_memory"};
  const auto apps = parse_compute_apps("GPU-1, 42, 7, 1234\n", fields, {.header = false});
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error(), make_error_code(parse_errc::ragged_row));
}

TEST(compute_apps, bad_pid_reads_as_absent) {
  const strings fields{"pid"};
  const auto apps = parse_compute_apps("[N/A]\n12x\n", fields, {.header = false});
  ASSERT_TRUE(apps);
  EXPECT_EQ((*apps)[0].pid, std::nullopt);
  EXPECT_EQ((*apps)[1].pid, std::nullopt);
}

}  // namespace
}  // namespace smistat::parsers
