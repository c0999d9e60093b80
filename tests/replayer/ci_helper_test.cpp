// `--list` and `--install DIR`: a project's CI puts the replayer on PATH as `nvidia-smi`.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "tests/config/temp_dir.hpp"
#include "tests/replayer/replayer_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

// Runs `command` with /bin/sh as a CI step would; stdout, and the exit code after `\n#`.
std::string shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return "popen failed";
  char buffer[4096];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = ::pclose(pipe);
  return out + "#" + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

TEST(replayer_ci_helper, list_names_every_machine_and_what_it_holds) {
  const auto got = run_replayer({"--list"}, {});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  for (const auto& dir : machine_dirs())
    EXPECT_NE(got.out.find(dir.filename().string() + "  query-gpu:"), std::string::npos)
        << dir.filename();
  EXPECT_NE(got.out.find("h100-80gb-hbm3__590.48.01  query-gpu:idle,load  q:idle,load  "
                         "q-x:idle,load  banner:idle,load\n"),
            std::string::npos)
      << got.out;
  EXPECT_NE(got.out.find("geforce-rtx-2080-super__465.27  query-gpu:idle  q:-  q-x:-  banner:-\n"),
            std::string::npos);
  EXPECT_NE(got.out.find("from-xml/tesla-k80__430.26  query-gpu:idle  q:-  q-x:idle  banner:-\n"),
            std::string::npos);
  EXPECT_EQ(got.out.find("replayer"), std::string::npos) << "not a machine";
}

TEST(replayer_ci_helper, installed_shim_answers_as_nvidia_smi_on_path) {
  temp_dir scratch;
  const auto bin = scratch.path() / "bin";
  const auto installed = run_replayer({"--install", bin.string(), "l40s__595.80"}, {});
  ASSERT_EQ(installed.exit_code, 0) << installed.err;
  EXPECT_EQ(installed.err, "");
  const auto path = "PATH='" + bin.string() + "':\"$PATH\" ";
  const auto machine = fixtures_dir() / "l40s__595.80";
  EXPECT_EQ(shell("unset NVIDIA_SMI_REPLAY_DIR; " + path + "nvidia-smi -L"),
            read_file(machine / "list-gpus.txt") + "#0");
  EXPECT_EQ(shell("unset NVIDIA_SMI_REPLAY_DIR; " + path + "nvidia-smi -q -x"),
            read_file(machine / "q-x.load.xml") + "#0");
  // The caller's folder wins over the one the shim was written for.
  const auto h200 = fixtures_dir() / "h200__590.48.01";
  EXPECT_EQ(shell("NVIDIA_SMI_REPLAY_DIR='" + h200.string() + "' " + path + "nvidia-smi -L"),
            read_file(h200 / "list-gpus.txt") + "#0");
  EXPECT_EQ(shell(path + "nvidia-smi --query-gpu=bogus --format=csv"),
            "Field \"bogus\" is not a valid field to query.\n#2");
}

TEST(replayer_ci_helper, install_defaults_to_the_eight_gpu_machine_and_refuses_unknown_ones) {
  temp_dir scratch;
  ASSERT_EQ(run_replayer({"--install", scratch.path().string()}, {}).exit_code, 0);
  const auto list =
      shell("unset NVIDIA_SMI_REPLAY_DIR; '" + (scratch.path() / "nvidia-smi").string() + "' -L");
  EXPECT_EQ(list, read_file(machine_dir("synthetic-8x-h100__590.48.01") / "list-gpus.txt") + "#0");
  const auto refused = run_replayer({"--install", scratch.path().string(), "no-such-machine"}, {});
  EXPECT_EQ(refused.exit_code, 255);
  EXPECT_NE(refused.err.find("no machine folder"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace smistat::test
