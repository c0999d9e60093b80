// `pmon` and `dmon`: the recorded samples, one per period, as nvidia-smi prints them.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/replayer/replayer_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

env_vars machine_env(const std::filesystem::path& dir, const std::string& state) {
  return {{"NVIDIA_SMI_REPLAY_DIR", dir.string()}, {"NVIDIA_SMI_REPLAY_STATE", state}};
}

// The first `lines` lines of `text`.
std::string head(std::string_view text, std::size_t lines) {
  std::size_t end = 0;
  for (std::size_t i = 0; i < lines && end < text.size(); ++i) end = text.find('\n', end) + 1;
  return std::string(text.substr(0, end));
}

TEST(replayer_monitor, one_dmon_sample_is_the_header_and_one_row_per_gpu) {
  std::size_t folders = 0;
  for (const auto& dir : machine_dirs())
    for (const std::string state : {"idle", "load"}) {
      const auto path = dir / ("dmon." + state + ".txt");
      if (!std::filesystem::exists(path)) continue;
      SCOPED_TRACE(path.string());
      const auto got = run_replayer({"dmon", "-c", "1"}, machine_env(dir, state));
      EXPECT_EQ(got.exit_code, 0);
      EXPECT_EQ(got.err, "");
      // Every recorded machine has one GPU: two header lines, one row.
      EXPECT_EQ(got.out, head(read_file(path), 3));
      ++folders;
    }
  EXPECT_GE(folders, 20u);
}

TEST(replayer_monitor, five_samples_are_the_recording_byte_for_byte) {
  // Recorded with `-c 5`; pmon's samples hold every process of that moment.
  for (const auto& [machine, command] : std::vector<std::pair<std::string, std::string>>{
           {"h100-80gb-hbm3__590.48.01", "pmon"},
           {"l40s__595.80", "dmon"},
           // 12 processes a sample: pmon prints its header again after 44 rows.
           {"geforce-rtx-2080-super-windows__591.86", "pmon"}}) {
    const auto dir = machine_dir(machine);
    const auto got = run_replayer({command, "-c", "5"}, machine_env(dir, "load"));
    EXPECT_EQ(got.exit_code, 0) << got.err;
    EXPECT_TRUE(got.out == read_file(dir / (command + ".load.txt"))) << machine << got.out;
  }
}

TEST(replayer_monitor, a_pmon_sample_lists_each_process_once) {
  const auto dir = machine_dir("h100-80gb-hbm3__590.48.01");
  const auto got = run_replayer({"pmon", "-c", "1"}, machine_env(dir, "load"));
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(got.out, head(read_file(dir / "pmon.load.txt"), 2 + 3)) << "three processes";
}

TEST(replayer_monitor, without_a_count_it_samples_until_killed) {
  const auto dir = machine_dir("l40s__595.80");
  replayer_process p({"dmon", "-d", "1"}, machine_env(dir, "idle"));
  ASSERT_TRUE(p.read_until(
      [](std::string_view out) { return std::count(out.begin(), out.end(), '\n') >= 4; }));
  p.signal_group(SIGTERM);
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.term_signal(), SIGTERM);
  EXPECT_EQ(head(p.out(), 4), head(read_file(dir / "dmon.idle.txt"), 4));
}

TEST(replayer_monitor, other_columns_and_unrecorded_folders_fail_clearly) {
  const auto h100 = machine_dir("h100-80gb-hbm3__590.48.01");
  const auto columns = run_replayer({"pmon", "-c", "1", "-s", "um"}, machine_env(h100, "load"));
  EXPECT_EQ(columns.exit_code, 255);
  EXPECT_EQ(columns.out, "");
  EXPECT_NE(columns.err.find("only its default columns were recorded"), std::string::npos)
      << columns.err;
  for (const char* machine : {"synthetic-8x-h100__590.48.01", "geforce-rtx-2080-super__465.27"}) {
    const auto got = run_replayer({"dmon", "-c", "1"}, machine_env(machine_dir(machine), "idle"));
    EXPECT_EQ(got.exit_code, 255) << machine;
    EXPECT_EQ(got.out, "") << machine;
    EXPECT_NE(got.err.find("dmon.idle.txt was not recorded"), std::string::npos) << got.err;
  }
  const auto bad = run_replayer({"dmon", "-x"}, machine_env(h100, "load"));
  EXPECT_EQ(bad.exit_code, 255);
  EXPECT_EQ(bad.out, "ERROR: Option -x is not recognized. Please run 'nvidia-smi -h' for help.\n");
}

}  // namespace
}  // namespace smistat::test
