// Folders recorded without a `--help-query-*` text (the 2021 machines) still answer the newest
// driver's aliases of the columns they recorded, and only those.
#include <gtest/gtest.h>

#include "tests/replayer/replayer_process.hpp"

namespace smistat::test {
namespace {

constexpr const char* windows_2021 = "geforce-rtx-2080-super-windows__466.63";
constexpr const char* linux_2021 = "geforce-rtx-2080-super__465.27";

run_output replay(const char* machine, std::vector<std::string> args) {
  return run_replayer(args, {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(machine).string()}});
}

TEST(replayer_builtin_aliases, gpu_aliases_answer_under_the_recorded_names) {
  // 466.63 holds no help-query-gpu.txt, so these come from the built-in table.
  ASSERT_FALSE(std::filesystem::exists(machine_dir(windows_2021) / "help-query-gpu.txt"));
  const auto got = replay(
      windows_2021, {"--query-gpu=clocks.gr,clocks.sm,gpu_serial,gpu_name,index", "--format=csv"});
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(got.err, "");
  EXPECT_EQ(got.out,
            "clocks.current.graphics [MHz], clocks.current.sm [MHz], serial, name, index\n"
            "300 MHz, 300 MHz, [N/A], NVIDIA GeForce RTX 2080 SUPER, 0\n");
}

TEST(replayer_builtin_aliases, compute_app_aliases_answer_on_both_2021_machines) {
  for (const char* machine : {windows_2021, linux_2021}) {
    ASSERT_FALSE(std::filesystem::exists(machine_dir(machine) / "help-query-compute-apps.txt"));
    const auto got =
        replay(machine, {"--query-compute-apps=pid,used_memory,gpu_serial", "--format=csv"});
    EXPECT_EQ(got.exit_code, 0) << machine << got.err;
    EXPECT_EQ(got.out, "pid, used_gpu_memory [MiB], gpu_serial\n") << machine;
  }
}

TEST(replayer_builtin_aliases, names_the_old_driver_never_had_stay_unknown) {
  struct row {
    const char* machine;
    const char* field;
  };
  // A newer canonical name the recording's header lacks, and names no driver knows.
  const row rows[] = {{windows_2021, "clocks_event_reasons.active"},
                      {windows_2021, "bogus"},
                      {windows_2021, "clocks.bogus"},
                      {linux_2021, "clocks_event_reasons.active"}};
  for (const auto& r : rows) {
    const auto got = replay(r.machine, {std::string("--query-gpu=") + r.field, "--format=csv"});
    EXPECT_EQ(got.exit_code, 2) << r.machine << " " << r.field;
    EXPECT_EQ(got.out, std::string("Field \"") + r.field + "\" is not a valid field to query.\n");
  }
}

TEST(replayer_builtin_aliases, an_old_name_of_a_recorded_column_answers) {
  const auto got = replay(
      windows_2021, {"--query-gpu=clocks_throttle_reasons.active,index", "--format=csv,noheader"});
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(got.out, "0x0000000000000001, 0\n");
}

TEST(replayer_builtin_aliases, reject_fault_also_refuses_an_alias_of_the_rejected_field) {
  const auto got = run_replayer({"--query-gpu=index,clocks.gr", "--format=csv"},
                                {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(windows_2021).string()},
                                 {"NVIDIA_SMI_REPLAY_FAULT", "reject:clocks.current.graphics"}});
  EXPECT_EQ(got.exit_code, 2);
  EXPECT_EQ(got.out, "Field \"clocks.gr\" is not a valid field to query.\n");
}

}  // namespace
}  // namespace smistat::test
