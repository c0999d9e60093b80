// `smistat list`, `available` and `record` read the settings they share with the server from
// the server's sources: on a node whose nvidia-smi is not on PATH, SMISTAT_NVIDIA_SMI in the
// environment, in ./.env or in the config file finds it for the tools as for the server, and a
// bad value is refused with the server's own line.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/config/temp_dir.hpp"
#include "tests/integration/cli_run.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;

/** One tool, and how to tell that it read the replayed machine. */
struct tool {
  const char* name;
  std::vector<std::string> args;  ///< after the subcommand; `{out}` is replaced by a folder
  const char* expected_in_stdout;
};

std::vector<tool> tools() {
  return {{"available", {}, "5,6,7\n"}, {"list", {}, "H100"}, {"record", {"{out}"}, "recorded "}};
}

/** A node without nvidia-smi on PATH: PATH holds an empty folder and the system's binaries
 *  only, and nothing inherited points at a GPU or a replay. */
environment_overrides no_nvidia_smi_on_path(const fs::path& empty_dir) {
  return {{"PATH", empty_dir.string() + ":/usr/bin:/bin"},
          {"NVIDIA_SMI_REPLAY_DIR", machine_dir("synthetic-8x-h100__590.48.01").string()},
          {"NVIDIA_SMI_REPLAY_STATE", std::nullopt},
          {"NVIDIA_SMI_REPLAY_FAULT", std::nullopt},
          {"SMISTAT_NVIDIA_SMI", std::nullopt},
          {"SMISTAT_CONFIG", std::nullopt},
          {"SMISTAT_COLLECT_TIMEOUT", std::nullopt},
          {"SMISTAT_REPLAY", std::nullopt},
          {"CUDA_VISIBLE_DEVICES", std::nullopt},
          {"NO_COLOR", std::nullopt}};
}

std::string replayer() { return (bin_dir() / "nvidia-smi-replay").string(); }

class tool_config_e2e : public ::testing::TestWithParam<tool> {
 protected:
  /** The tool's arguments, recording into a fresh folder of `dir`. */
  std::vector<std::string> args(const temp_dir& dir, std::vector<std::string> extra = {}) const {
    std::vector<std::string> out{GetParam().name};
    for (const auto& a : GetParam().args)
      out.push_back(a == "{out}" ? (dir.path() / ("rec" + std::to_string(runs_++))).string() : a);
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }
  void expect_read_the_machine(const cli_result& r, const std::string& how) const {
    EXPECT_EQ(r.exit_code, 0) << how << "\n" << r.err;
    EXPECT_NE(r.out.find(GetParam().expected_in_stdout), std::string::npos) << how << "\n" << r.out;
  }
  mutable int runs_ = 0;
};

TEST_P(tool_config_e2e, finds_nvidia_smi_off_path_where_the_server_does) {
  const temp_dir dir;
  const temp_dir empty;
  const auto env = no_nvidia_smi_on_path(empty.path());
  // Without any source naming it, nvidia-smi is not found: what follows proves each source.
  const auto none = run_smistat(args(dir), env, dir.path());
  EXPECT_NE(none.exit_code, 0) << none.out;

  auto with_variable = env;
  with_variable["SMISTAT_NVIDIA_SMI"] = replayer();
  expect_read_the_machine(run_smistat(args(dir), with_variable, dir.path()), "environment");

  const temp_dir with_dotenv;
  with_dotenv.write(".env", "SMISTAT_NVIDIA_SMI=" + replayer() + "\n");
  expect_read_the_machine(run_smistat(args(dir), env, with_dotenv.path()), "./.env");

  const auto conf = dir.write("smistat.conf", "nvidia-smi = " + replayer() + "\n");
  expect_read_the_machine(run_smistat(args(dir, {"--config", conf.string()}), env, dir.path()),
                          "--config");
  auto config_variable = env;
  config_variable["SMISTAT_CONFIG"] = conf.string();
  expect_read_the_machine(run_smistat(args(dir), config_variable, dir.path()), "SMISTAT_CONFIG");

  // The command line comes first: a wrong path there beats a right one in the environment.
  const auto overridden = run_smistat(args(dir, {"--nvidia-smi", "/nonexistent/nvidia-smi"}),
                                      with_variable, dir.path());
  EXPECT_NE(overridden.exit_code, 0) << overridden.out;
}

TEST_P(tool_config_e2e, a_bad_value_is_refused_with_the_servers_line) {
  const temp_dir dir;
  const temp_dir empty;
  auto env = no_nvidia_smi_on_path(empty.path());
  env["SMISTAT_NVIDIA_SMI"] = replayer();
  env["SMISTAT_COLLECT_TIMEOUT"] = "soon";
  const auto server = run_smistat({"serve", "--port", "0", "--host", "127.0.0.1"}, env, dir.path());
  ASSERT_EQ(server.exit_code, 2) << server.err;
  // The server's first line is `smistat: <message>`; the tool prints the same message.
  const std::string line = server.err.substr(0, server.err.find('\n'));
  ASSERT_TRUE(line.starts_with("smistat: invalid value \"soon\" for --collect-timeout")) << line;
  const std::string message = line.substr(std::string("smistat: ").size());
  const auto r = run_smistat(args(dir), env, dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string prefix = std::string("smistat ") + GetParam().name + ": ";
  EXPECT_TRUE(r.err.starts_with(prefix + message)) << r.err;

  // On the tool's command line the option has the tool's name, and the same rule.
  const auto flag = run_smistat(args(dir, {"--timeout", "soon"}), env, dir.path());
  EXPECT_EQ(flag.exit_code, 2) << flag.err;
  const std::string rule = message.substr(message.find("): ") + 3);
  EXPECT_TRUE(flag.err.starts_with(prefix +
                                   "invalid value \"soon\" for --timeout (from the "
                                   "command line): " +
                                   rule))
      << flag.err;
}

INSTANTIATE_TEST_SUITE_P(tools, tool_config_e2e, ::testing::ValuesIn(tools()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace smistat::test
