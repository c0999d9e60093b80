// The commands answered from a recorded file, and command-line errors.
#include <gtest/gtest.h>

#include "tests/replayer/replayer_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

constexpr const char* h100 = "h100-80gb-hbm3__590.48.01";
constexpr const char* old_driver = "geforce-rtx-2080-super__465.27";

run_output replay(const char* machine, std::vector<std::string> args, env_vars env = {}) {
  env.emplace_back("NVIDIA_SMI_REPLAY_DIR", machine_dir(machine).string());
  return run_replayer(args, env);
}

TEST(replayer_commands, recorded_files_come_back_verbatim) {
  struct row {
    const char* machine;
    std::vector<std::string> args;
    const char* file;
  };
  const row rows[] = {
      {h100, {"--version"}, "version.txt"},
      {"geforce-rtx-2080-super__610.57.04", {"--version"}, "version.txt"},
      {h100, {"--help-query-gpu"}, "help-query-gpu.txt"},
      {h100, {"--help-query-compute-apps"}, "help-query-compute-apps.txt"},
      {"h100-80gb-hbm3-mig__590.48.01", {"-L"}, "list-gpus.txt"},
      {"h200-mig__590.48.01", {"--list-gpus"}, "list-gpus.txt"},
      {h100, {"-q"}, "q.load.txt"},
      {h100, {}, "banner.load.txt"},
      {old_driver, {"--help-query-gpu"}, "help-query-gpu.txt"},
  };
  for (const auto& r : rows) {
    const auto got = replay(r.machine, r.args);
    EXPECT_EQ(got.exit_code, 0) << r.machine << " " << r.file << ": " << got.err;
    EXPECT_TRUE(got.out == read_file(machine_dir(r.machine) / r.file))
        << r.machine << " " << r.file;
  }
}

TEST(replayer_commands, idle_state_prints_idle_files) {
  const auto got = replay(h100, {}, {{"NVIDIA_SMI_REPLAY_STATE", "idle"}});
  EXPECT_EQ(got.out, read_file(machine_dir(h100) / "banner.idle.txt"));
}

TEST(replayer_commands, version_on_an_old_driver_is_an_unknown_option) {
  const auto got = replay(old_driver, {"--version"});
  EXPECT_EQ(got.out,
            "ERROR: Option --version is not recognized. Please run 'nvidia-smi -h' for help.\n");
  EXPECT_EQ(got.exit_code, 255);
}

TEST(replayer_commands, unrecorded_output_is_a_clear_error) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{}, {"-q"}, {"--help-query-compute-apps"}}) {
    const auto got = replay(old_driver, args);
    EXPECT_EQ(got.exit_code, 255);
    EXPECT_EQ(got.out, "");
    EXPECT_NE(got.err.find("was not recorded"), std::string::npos) << got.err;
  }
}

TEST(replayer_commands, machines_without_a_process_recording_run_no_processes) {
  const auto header =
      replay(old_driver, {"--query-compute-apps=pid,used_gpu_memory", "--format=csv"});
  EXPECT_EQ(header.exit_code, 0);
  EXPECT_EQ(header.out, "pid, used_gpu_memory [MiB]\n");
  const auto bare = replay(old_driver, {"--query-compute-apps=pid", "--format=csv,noheader"});
  EXPECT_EQ(bare.exit_code, 0);
  EXPECT_EQ(bare.out, "");
}

TEST(replayer_commands, bad_command_lines_fail_like_nvidia_smi) {
  struct row {
    std::vector<std::string> args;
    const char* expected;
  };
  const row rows[] = {
      {{"--bogus"},
       "ERROR: Option --bogus is not recognized. Please run 'nvidia-smi -h' for help.\n"},
      {{"-i"}, "ERROR: Option -i is missing its value. Please run 'nvidia-smi -h' for help.\n"},
      {{"--query-gpu=index", "--format=csv", "-lms", "0"},
       "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n"},
      {{"-L", "-q"},
       "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n"},
  };
  for (const auto& r : rows) {
    const auto got = replay(h100, r.args);
    EXPECT_EQ(got.out, r.expected) << r.args.front();
    EXPECT_EQ(got.exit_code, 255) << r.args.front();
  }
}

TEST(replayer_commands, unusable_machine_folder_fails_on_stderr) {
  const auto file_not_dir = (machine_dir(h100) / "version.txt").string();
  for (const auto& dir : std::vector<std::string>{"", "/nonexistent/machine", file_not_dir}) {
    const auto got = run_replayer({"--version"}, {{"NVIDIA_SMI_REPLAY_DIR", dir}});
    EXPECT_EQ(got.exit_code, 255) << dir;
    EXPECT_EQ(got.out, "") << dir;
    EXPECT_NE(got.err.find("NVIDIA_SMI_REPLAY_DIR"), std::string::npos) << got.err;
  }
}

}  // namespace
}  // namespace smistat::test
