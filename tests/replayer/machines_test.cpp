// Every machine folder answers from its own recording, for every recorded state.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/csv_dialect.hpp"
#include "parsers/help_query_gpu.hpp"
#include "tests/replayer/replayer_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

// The driver's field names in help order, or the recorded header when help was not recorded.
std::vector<std::string> field_names(const std::filesystem::path& dir, std::string_view csv) {
  std::vector<std::string> names;
  if (std::filesystem::exists(dir / "help-query-gpu.txt")) {
    const auto help = read_file(dir / "help-query-gpu.txt");
    for (const auto& field : parsers::parse_help_query_gpu(help).fields)
      names.push_back(field.name);
    return names;
  }
  for (const auto cell : parsers::split_cells(parsers::split_lines(csv).front()))
    names.push_back(parsers::parse_header_cell(cell).name);
  return names;
}

std::string join(const std::vector<std::string>& names, std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count && i < names.size(); ++i) list += (i ? "," : "") + names[i];
  return list;
}

// The first `count` cells of every line of the recording, rejoined as nvidia-smi prints them.
std::string first_columns(std::string_view csv, std::size_t count) {
  std::string out;
  for (const auto line : parsers::split_lines(csv)) {
    const auto cells = parsers::split_cells(line);
    for (std::size_t i = 0; i < count && i < cells.size(); ++i)
      out += std::string(i ? ", " : "") + std::string(cells[i]);
    out += '\n';
  }
  return out;
}

TEST(replayer_machines, every_folder_answers_its_recorded_values) {
  const auto dirs = machine_dirs();
  ASSERT_GE(dirs.size(), 13u) << "machine folders under " << fixtures_dir();
  for (const auto& dir : dirs) {
    for (const std::string state : {"idle", "load"}) {
      const auto recorded_path = dir / ("query-gpu." + state + ".csv");
      if (!std::filesystem::exists(recorded_path)) continue;
      SCOPED_TRACE(recorded_path.string());
      const auto recorded = read_file(recorded_path);
      const auto names = field_names(dir, recorded);
      const env_vars env{{"NVIDIA_SMI_REPLAY_DIR", dir.string()},
                         {"NVIDIA_SMI_REPLAY_STATE", state}};
      const auto first20 = run_replayer({"--query-gpu=" + join(names, 20), "--format=csv"}, env);
      EXPECT_EQ(first20.exit_code, 0) << first20.err;
      EXPECT_EQ(first20.out, first_columns(recorded, 20));
      // All fields in help order is exactly the recorded command, so the bytes must match.
      const auto all =
          run_replayer({"--query-gpu=" + join(names, names.size()), "--format=csv"}, env);
      EXPECT_EQ(all.exit_code, 0) << all.err;
      EXPECT_TRUE(all.out == recorded) << "all-fields answer differs from the recording";
    }
  }
}

TEST(replayer_machines, synthetic_machine_has_eight_distinct_gpus) {
  const auto dir = machine_dir("synthetic-8x-h100__590.48.01");
  const auto r = run_replayer(
      {"--query-gpu=index,uuid,pci.bus_id,serial,utilization.gpu", "--format=csv,noheader"},
      {{"NVIDIA_SMI_REPLAY_DIR", dir.string()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "0, GPU-00000000-0000-0000-0000-000000000000, 00000000:18:00.0, 0000000000000, 100 %\n"
            "1, GPU-00000000-0000-0000-0000-000000000001, 00000000:2A:00.0, 0000000000001, 100 %\n"
            "2, GPU-00000000-0000-0000-0000-000000000002, 00000000:3A:00.0, 0000000000002, 100 %\n"
            "3, GPU-00000000-0000-0000-0000-000000000003, 00000000:5D:00.0, 0000000000003, 100 %\n"
            "4, GPU-00000000-0000-0000-0000-000000000004, 00000000:9A:00.0, 0000000000004, 100 %\n"
            "5, GPU-00000000-0000-0000-0000-000000000005, 00000000:AB:00.0, 0000000000005, 0 %\n"
            "6, GPU-00000000-0000-0000-0000-000000000006, 00000000:BA:00.0, 0000000000006, 0 %\n"
            "7, GPU-00000000-0000-0000-0000-000000000007, 00000000:DB:00.0, 0000000000007, 0 %\n");
  const auto list = run_replayer({"-L"}, {{"NVIDIA_SMI_REPLAY_DIR", dir.string()}});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 8);
}

}  // namespace
}  // namespace smistat::test
