// Missing, empty, garbled and unreadable files: the sampler reports what it can, never throws.
#include <gtest/gtest.h>

#include "src/system/system_info.hpp"
#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

using namespace std::chrono_literals;
const auto t0 = std::chrono::steady_clock::time_point(1000s);

TEST(SystemFailures, EmptyRootGivesZerosAndNoException) {
  test::scratch_root root(test::host_tree("synthetic-workstation") / "etc");  // no proc, no sys
  system_sampler sampler(root.path());
  system_snapshot s;
  ASSERT_NO_THROW(s = sampler.sample(t0));
  ASSERT_NO_THROW(s = sampler.sample(t0 + 1s));
  EXPECT_EQ(s.os.os, "");
  EXPECT_EQ(s.os.platform, "with");  // Python's platform() of nothing at all
  EXPECT_EQ(s.cpu.count_logical, 0);
  EXPECT_TRUE(s.cpu.per_core_percent.empty());
  EXPECT_EQ(s.memory.total, 0u);
  EXPECT_TRUE(s.memory.top_processes.empty());
  EXPECT_EQ(s.disk.total, 0u);
  EXPECT_EQ(s.root_disk.total, 0u);
  EXPECT_EQ(s.io.total_read_ops, 0u);
  EXPECT_FALSE(s.max_temperature_celsius);
  EXPECT_EQ(sampler.processes({1}, t0)[0].name, "");
}

TEST(SystemFailures, GarbledFilesAreSkippedNotFatal) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  root.write("proc/stat", "cpu  a b c d\nbtime soon\n");
  root.write("proc/meminfo", "MemTotal: lots kB\n");
  root.write("proc/diskstats", "garbage\n");
  root.write("proc/812/stat", "812 (python3 S 1\n");
  root.write("proc/812/statm", "x y z\n");
  root.write("proc/812/status", "Uid:\tnope\n");
  root.write("libc.txt", "page_size 0\nclock_ticks 0\n");
  root.write("sys/class/hwmon/hwmon0/temp1_input", "hot\n");
  root.write("sys/class/hwmon/hwmon0/temp2_input", "");
  system_sampler sampler(root.path());
  const auto s = sampler.sample(t0);
  EXPECT_DOUBLE_EQ(s.cpu.percent, 0.0);
  EXPECT_EQ(s.memory.total, 0u);
  EXPECT_EQ(s.io.total_read_ops, 0u);
  EXPECT_DOUBLE_EQ(*s.max_temperature_celsius, 61.25);  // the readable sensor still counts
  for (const auto& p : s.memory.top_processes) EXPECT_NE(p.pid, 812);  // no RSS, not ranked
  const auto procs = sampler.processes({812, 5005}, t0);
  EXPECT_EQ(procs[0].name, "");
  EXPECT_FALSE(procs[0].start_time);  // btime unreadable too
  EXPECT_EQ(procs[1].name, "inference-server");
  EXPECT_EQ(procs[1].rss_bytes, 131072u * 4096);  // a zero page size in libc.txt is ignored
}

TEST(SystemFailures, UnreadableFilesLookMissing) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  // A folder where a file should be: open succeeds, read fails (EISDIR), as for a pid whose
  // /proc entries turned unreadable between listing and reading.
  std::filesystem::remove(root.path() / "proc/812/stat");
  std::filesystem::create_directories(root.path() / "proc/812/stat");
  std::filesystem::remove(root.path() / "proc/meminfo");
  std::filesystem::create_directories(root.path() / "proc/meminfo");
  system_sampler sampler(root.path());
  const auto s = sampler.sample(t0);
  EXPECT_EQ(s.memory.total, 0u);
  ASSERT_FALSE(s.memory.top_processes.empty());
  EXPECT_EQ(s.memory.top_processes[0].pid, 812);  // statm still gives its RSS
  EXPECT_EQ(s.memory.top_processes[0].name, "");
  EXPECT_EQ(s.memory.top_processes[0].username, "alice");
  EXPECT_EQ(sampler.processes({812}, t0)[0].name, "");
}

TEST(SystemFailures, MissingPasswdNamesUsersByUid) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  std::filesystem::remove(root.path() / "etc/passwd");
  system_sampler sampler(root.path());
  EXPECT_EQ(sampler.processes({812}, t0)[0].username, "1000");
}

}  // namespace
}  // namespace smistat::system
