// slow, slow-all, slow-q, slow-apps and slow-gpu: which commands each holds back. Nothing here
// measures time: a held command is caught asleep before printing anything, and a command that
// is not held runs to completion although the fault asks for ten minutes.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/replayer/replayer_process.hpp"

namespace smistat::test {
namespace {

constexpr const char* eight_gpus = "synthetic-8x-h100__590.48.01";

env_vars machine_env(const std::string& fault = {}) {
  env_vars env{{"NVIDIA_SMI_REPLAY_DIR", machine_dir(eight_gpus).string()}};
  if (!fault.empty()) env.emplace_back("NVIDIA_SMI_REPLAY_FAULT", fault);
  return env;
}

enum command { version, list, help, banner, details, gpu_query, apps_query };

const std::vector<std::string>& args_of(command c) {
  static const std::vector<std::vector<std::string>> args = {
      {"--version"},
      {"-L"},
      {"--help-query-gpu"},
      {},
      {"-q"},
      {"--query-gpu=index,name", "--format=csv"},
      {"--query-compute-apps=pid,used_memory", "--format=csv,noheader"},
  };
  return args[c];
}

constexpr command every_command[] = {version, list, help, banner, details, gpu_query, apps_query};

struct slow_fault {
  const char* name;
  std::vector<command> held;
};

const slow_fault slow_faults[] = {
    {"slow", {gpu_query, apps_query}},
    {"slow-all", {version, list, help, banner, details, gpu_query, apps_query}},
    {"slow-q", {details}},
    {"slow-apps", {apps_query}},
    {"slow-gpu", {gpu_query}},
};

bool holds(const slow_fault& fault, command c) {
  return std::find(fault.held.begin(), fault.held.end(), c) != fault.held.end();
}

TEST(replayer_slow_faults, each_holds_back_its_commands_and_no_other) {
  for (const auto& fault : slow_faults)
    for (const auto c : every_command) {
      SCOPED_TRACE(std::string(fault.name) + " " + std::to_string(c));
      const auto env = machine_env(std::string(fault.name) + ":600000");
      if (!holds(fault, c)) {
        EXPECT_EQ(run_replayer(args_of(c), env).exit_code, 0);
        continue;
      }
      replayer_process p(args_of(c), env);
      ASSERT_TRUE(eventually([&] { return is_asleep_in_replayer(p.pid()); }));
      p.read_available();
      EXPECT_EQ(p.out(), "");
      EXPECT_FALSE(p.stdout_closed_now());
    }
}

TEST(replayer_slow_faults, held_commands_answer_normally_after_the_sleep) {
  for (const auto& fault : slow_faults)
    for (const auto c : fault.held) {
      SCOPED_TRACE(std::string(fault.name) + " " + std::to_string(c));
      const auto normal = run_replayer(args_of(c), machine_env());
      const auto slowed = run_replayer(args_of(c), machine_env(std::string(fault.name) + ":20"));
      EXPECT_EQ(slowed.exit_code, normal.exit_code);
      EXPECT_TRUE(slowed.out == normal.out);
      EXPECT_FALSE(normal.out.empty());
    }
}

TEST(replayer_slow_faults, slow_all_also_holds_back_an_exit_fault) {
  replayer_process p({"-L"}, machine_env("slow-all:600000;exit:9"));
  ASSERT_TRUE(eventually([&] { return is_asleep_in_replayer(p.pid()); }));
  p.read_available();
  EXPECT_EQ(p.out(), "");
  const auto quick = run_replayer({"-L"}, machine_env("slow-all:20;exit:9"));
  EXPECT_EQ(quick.exit_code, 9);
}

TEST(replayer_slow_faults, slow_gpu_delays_only_the_first_batch_of_a_loop) {
  // Were every batch delayed, 100 batches would take 100 s and overrun the read guard.
  replayer_process p({"--query-gpu=index", "--format=csv,noheader", "-lms", "1"},
                     machine_env("slow-gpu:1000"));
  ASSERT_TRUE(p.read_until(
      [](std::string_view out) { return std::count(out.begin(), out.end(), '\n') >= 100 * 8; }));
  EXPECT_TRUE(p.out().starts_with("0\n1\n2\n3\n4\n5\n6\n7\n0\n1\n"));
}

}  // namespace
}  // namespace smistat::test
