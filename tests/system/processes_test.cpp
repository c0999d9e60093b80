// processes(pids): details from /proc/<pid>, CPU percent between calls, unknown pids.
#include <gtest/gtest.h>

#include <string>

#include "src/system/system_info.hpp"
#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

using namespace std::chrono_literals;
const auto t0 = std::chrono::steady_clock::time_point(1000s);

TEST(SystemProcesses, DetailsOfRecordedPids) {
  system_sampler sampler(test::host_tree("synthetic-workstation"));
  const auto procs = sampler.processes({812, 4004, 2222}, t0);
  ASSERT_EQ(procs.size(), 3u);
  EXPECT_EQ(procs[0].pid, 812);
  EXPECT_EQ(procs[0].name, "python3");
  EXPECT_EQ(procs[0].username, "alice");
  EXPECT_EQ(procs[0].cmdline, "python3 train.py --epochs 10");
  EXPECT_EQ(procs[0].rss_bytes, 1u << 30);
  EXPECT_DOUBLE_EQ(procs[0].cpu_percent, 0.0);  // first look at the pid
  ASSERT_TRUE(procs[0].start_time);
  // btime 1705312000 + 50000 ticks / 100 Hz.
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*procs[0].start_time), 1705312500);
  EXPECT_EQ(procs[1].name, "kworker/0:1");  // kernel thread: no cmdline, no RSS
  EXPECT_EQ(procs[1].cmdline, "");
  EXPECT_EQ(procs[1].rss_bytes, 0u);
  EXPECT_EQ(procs[2].name, "odd) (name");
  EXPECT_EQ(procs[2].cmdline, "./odd) (name");
}

TEST(SystemProcesses, OwnersFromTheRecordedCgroups) {
  system_sampler sampler(test::host_tree("synthetic-workstation"));
  const auto procs = sampler.processes({812, 2222, 4004, 999999}, t0);
  ASSERT_EQ(procs.size(), 4u);
  EXPECT_EQ(procs[0].owner.pod_uid, "7a1b2c3d-4e5f-6789-abcd-ef0123456789");
  EXPECT_EQ(procs[0].owner.runtime, "containerd");
  EXPECT_EQ(procs[0].owner.container_id.substr(0, 12), "4f9b8d6a1c2e");
  EXPECT_EQ(procs[1].owner.slurm_job, "4242");
  EXPECT_EQ(procs[1].owner.systemd_unit, "slurmd.service");
  cgroup_owner nothing_known;
  nothing_known.path = "/";
  EXPECT_EQ(procs[2].owner, nothing_known);   // no cgroup file: nothing guessed
  EXPECT_EQ(procs[3].owner, cgroup_owner{});  // vanished pid: not even read
}

TEST(SystemProcesses, ProcfsElsewhereIsWhereProcessesAreRead) {
  // --path.procfs: the host's /proc mounted into a container; the rest of the host (here: no
  // /etc/passwd at all) stays under the root.
  const auto empty_root = std::filesystem::temp_directory_path() / "smistat-no-such-root";
  system_sampler sampler(empty_root, test::host_tree("synthetic-workstation") / "proc");
  const auto procs = sampler.processes({812, 2222}, t0);
  ASSERT_EQ(procs.size(), 2u);
  EXPECT_EQ(procs[0].name, "python3");
  EXPECT_EQ(procs[0].owner.pod_uid, "7a1b2c3d-4e5f-6789-abcd-ef0123456789");
  EXPECT_EQ(procs[1].owner.slurm_job, "4242");
  // The user is named from the root's passwd, which this root lacks: the uid, never a guess.
  EXPECT_EQ(procs[0].username, "1000");
  ASSERT_TRUE(procs[0].start_time);  // btime comes from <procfs>/stat
}

TEST(SystemProcesses, UnknownAndInvalidPidsGiveEmptyFields) {
  system_sampler sampler(test::host_tree("synthetic-workstation"));
  const auto procs = sampler.processes({999999, 0, -5, 812}, t0);
  ASSERT_EQ(procs.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(procs[i].name, "");
    EXPECT_EQ(procs[i].username, "");
    EXPECT_EQ(procs[i].cmdline, "");
    EXPECT_DOUBLE_EQ(procs[i].cpu_percent, 0.0);
    EXPECT_FALSE(procs[i].start_time);
    EXPECT_EQ(procs[i].rss_bytes, 0u);
  }
  EXPECT_EQ(procs[1].pid, 0);
  EXPECT_EQ(procs[3].name, "python3");
  EXPECT_TRUE(sampler.processes({}, t0).empty());
}

TEST(SystemProcesses, CpuPercentBetweenCallsAndPidReuse) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  sampler.processes({812, 3003, 5005}, t0);
  root.advance_to_later();
  const auto later = sampler.processes({812, 3003, 5005}, t0 + 2s);
  EXPECT_DOUBLE_EQ(later[0].cpu_percent, 100.0);  // 200 ticks = 2 s of CPU in 2 s
  EXPECT_DOUBLE_EQ(later[1].cpu_percent, 0.0);    // new start time: another process, same pid
  EXPECT_DOUBLE_EQ(later[2].cpu_percent, 0.0);    // idle
}

TEST(SystemProcesses, ACommandLineIsReadOncePerProcess) {
  // Only the stat file is read again while the same process stays listed: its CPU time and
  // resident pages move, its command line and owner are kept from the first look.
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  const auto stat =
      "812 (python3) S 1 812 812 0 -1 4194560 100 0 0 0 12000 300 0 0 20 0 1 0 "
      "50000 123456789 " +
      std::string("1000") + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17";
  sampler.processes({812}, t0);
  root.write("proc/812/cmdline", std::string("python3\0other.py", 16));
  root.write("proc/812/stat", stat);
  const auto same = sampler.processes({812}, t0 + 1s);
  EXPECT_EQ(same[0].cmdline, "python3 train.py --epochs 10");
  EXPECT_EQ(same[0].rss_bytes, 1000u * 4096);  // read fresh from the stat file

  // An exec changes the comm: everything is read again.
  std::string execd = stat;
  execd.replace(execd.find("(python3)"), 9, "(python3.12)");
  root.write("proc/812/stat", execd);
  EXPECT_EQ(sampler.processes({812}, t0 + 2s)[0].cmdline, "python3 other.py");

  // So does a new start time under the same pid (another process).
  root.write("proc/812/cmdline", std::string("python3\0third.py", 16));
  std::string reused = execd;
  reused.replace(reused.find(" 50000 "), 7, " 60000 ");
  root.write("proc/812/stat", reused);
  EXPECT_EQ(sampler.processes({812}, t0 + 3s)[0].cmdline, "python3 third.py");
}

TEST(SystemProcesses, PidsNotAskedForAreForgotten) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  sampler.processes({812}, t0);
  sampler.processes({5005}, t0 + 1s);  // 812 dropped from the tracked set
  root.advance_to_later();
  EXPECT_DOUBLE_EQ(sampler.processes({812}, t0 + 2s)[0].cpu_percent, 0.0);
}

TEST(SystemProcesses, APidNotFoundIsNotLookedForWhileItStaysListed) {
  // Such a pid lives in another pid namespace, or ended: a process that later takes the pid
  // here is not the one listed. Once the pid leaves the list, it is looked for afresh.
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  EXPECT_EQ(sampler.processes({7777, 812}, t0)[0].name, "");
  const auto stat = std::string(
      "7777 (late) S 1 7777 7777 0 -1 4194560 100 0 0 0 10 10 0 0 20 0 1 0 "
      "70000 123456789 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17");
  root.write("proc/7777/stat", stat);
  root.write("proc/7777/cmdline", std::string("late\0", 5));
  const auto still = sampler.processes({7777, 812}, t0 + 1s);
  EXPECT_EQ(still[0].name, "");
  EXPECT_EQ(still[1].name, "python3");
  sampler.processes({812}, t0 + 2s);
  EXPECT_EQ(sampler.processes({7777, 812}, t0 + 3s)[0].name, "late");
}

TEST(SystemProcesses, APidListedTwiceHasTheSameDetailsTwice) {
  // A process on two GPUs is listed once per GPU.
  system_sampler sampler(test::host_tree("synthetic-workstation"));
  const auto procs = sampler.processes({812, 2222, 812, 999999, 999999}, t0);
  ASSERT_EQ(procs.size(), 5u);
  EXPECT_EQ(procs[2].pid, 812);
  EXPECT_EQ(procs[2].name, "python3");
  EXPECT_EQ(procs[2].cmdline, procs[0].cmdline);
  EXPECT_EQ(procs[2].rss_bytes, procs[0].rss_bytes);
  EXPECT_EQ(procs[2].start_time, procs[0].start_time);
  EXPECT_EQ(procs[4].pid, 999999);
  EXPECT_EQ(procs[4].name, "");
}

TEST(SystemProcesses, RecordedVmBusyLoopUsesOneCore) {
  test::scratch_root root(test::host_tree("vm-2cpu-ext4"));
  system_sampler sampler(root.path());
  const std::vector<std::int64_t> pids = {13637, 13638, 13639, 13640, 2};
  const auto first = sampler.processes(pids, t0);
  root.advance_to_later();
  const auto later = sampler.processes(pids, t0 + 2310ms);
  EXPECT_EQ(first[1].name, "gpu-training-worker-main");  // comm is cut at 15 characters
  EXPECT_EQ(first[2].username, "nobody");
  EXPECT_EQ(first[3].username, "4242");
  EXPECT_EQ(first[4].name, "kthreadd");
  EXPECT_DOUBLE_EQ(later[3].cpu_percent, 100.0);  // 231 ticks in 2.31 s
  EXPECT_DOUBLE_EQ(later[0].cpu_percent, 0.0);
}

}  // namespace
}  // namespace smistat::system
