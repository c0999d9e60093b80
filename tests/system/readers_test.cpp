// The pure readers, table by table: /proc line formats, psutil's formulas, Python's platform().
#include <gtest/gtest.h>

#include "src/system/cpu_reader.hpp"
#include "src/system/disk_io_reader.hpp"
#include "src/system/memory_reader.hpp"
#include "src/system/os_reader.hpp"
#include "src/system/proc_text.hpp"
#include "src/system/process_reader.hpp"

namespace smistat::system {
namespace {

TEST(SystemReaders, PidStatKeepsAnyNameBetweenFirstOpenAndLastClose) {
  struct row {
    std::string text;
    std::optional<std::string> comm;
    std::uint64_t utime, stime, start;
  };
  const std::string tail = " S 1 1 1 0 -1 0 0 0 0 0 11 22 0 0 20 0 1 0 333 0 5 0";
  const std::vector<row> rows = {
      {"42 (python3)" + tail, "python3", 11, 22, 333},
      {"42 (tmux: server)" + tail, "tmux: server", 11, 22, 333},
      {"42 (odd) (name)" + tail, "odd) (name", 11, 22, 333},
      {"42 ()" + tail, "", 11, 22, 333},
      {"42 (short) S 1 1 1", std::nullopt, 0, 0, 0},
      {"42 python3 S" + tail, std::nullopt, 0, 0, 0},
      {"42 (x) S 1 1 1 0 -1 0 0 0 0 0 eleven 22 0 0 20 0 1 0 333 0", std::nullopt, 0, 0, 0},
      {"", std::nullopt, 0, 0, 0},
  };
  for (const auto& r : rows) {
    const auto parsed = parse_pid_stat(r.text);
    ASSERT_EQ(parsed.has_value(), r.comm.has_value()) << r.text;
    if (!parsed) continue;
    EXPECT_EQ(parsed->comm, *r.comm);
    EXPECT_EQ(parsed->utime, r.utime);
    EXPECT_EQ(parsed->stime, r.stime);
    EXPECT_EQ(parsed->start_ticks, r.start);
  }
}

TEST(SystemReaders, ProcessNameExtendsTruncatedCommFromFirstArgument) {
  struct row {
    std::string comm;
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<row> rows = {
      {"python3", {"/usr/bin/python3", "x.py"}, "python3"},
      {"inference-serve", {"/usr/local/bin/inference-server", "--port"}, "inference-server"},
      {"inference-serve", {"/usr/bin/python3", "serve.py"}, "inference-serve"},
      {"kworker/0:1-eve", {}, "kworker/0:1-eve"},
      {"fourteen-chars", {"/bin/fourteen-chars-and-more"}, "fourteen-chars"},
  };
  for (const auto& r : rows) EXPECT_EQ(process_name(r.comm, r.args), r.expected) << r.comm;
  EXPECT_EQ(join_args({"python3", "train.py", "--name", "a b"}), "python3 train.py --name a b");
  EXPECT_EQ(join_args({}), "");
}

TEST(SystemReaders, PythonPlatformMatchesPython311) {
  struct row {
    std::string release, machine, glibc, expected;
  };
  const std::vector<row> rows = {
      {"6.1.0-18-amd64", "x86_64", "2.36", "Linux-6.1.0-18-amd64-x86_64-with-glibc2.36"},
      {"6.18.44-fc-v669", "x86_64", "2.36", "Linux-6.18.44-fc-v669-x86_64-with-glibc2.36"},
      {"5.15.0-1042-nvidia", "aarch64", "2.35", "Linux-5.15.0-1042-nvidia-aarch64-with-glibc2.35"},
      {"6.1.0 (custom)", "x86_64", "2.36", "Linux-6.1.0_-custom-x86_64-with-glibc2.36"},
      {"6.1.0", "unknown", "2.36", "Linux-6.1.0-with-glibc2.36"},
      {"6.1.0", "x86_64", "", "Linux-6.1.0-x86_64-with"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(python_platform("Linux", r.release, r.machine, r.glibc), r.expected) << r.release;
  }
}

TEST(SystemReaders, BusyPercentFollowsPsutil) {
  struct row {
    cpu_times before, after;
    double expected;
  };
  const std::vector<row> rows = {
      {{0, 0, 0, 0}, {50, 0, 0, 50}, 50.0},
      {{0, 0, 0, 0}, {10, 10, 10, 60, 10}, 30.0},                  // iowait counts as idle
      {{0, 0, 0, 0}, {100, 0, 0, 100, 0, 0, 0, 0, 80, 20}, 50.0},  // guest is inside user
      {{100, 0, 0, 100}, {100, 0, 0, 100}, 0.0},                   // no time passed
      {{500, 0, 0, 100}, {400, 0, 0, 200}, 0.0},                   // a counter went down: clamped
      {{0, 0, 0, 0}, {2, 0, 0, 1}, 66.7},                          // rounded to 1 dp
  };
  for (const auto& r : rows) EXPECT_DOUBLE_EQ(busy_percent(r.before, r.after), r.expected);
}

TEST(SystemReaders, ProcStatParsesTotalsCoresAndBootTime) {
  const auto stat = parse_proc_stat(
      "cpu  1 2 3 4 5 6 7 8 9 10\ncpu0 1 2 3 4\ncpu1 1 x 3 4\ncpux 1 2 3 4\n"
      "cpu2 1 2 3\nintr 1 2\nbtime 1705312000\n");
  ASSERT_TRUE(stat.total);
  EXPECT_EQ((*stat.total)[9], 10u);
  ASSERT_EQ(stat.per_core.size(), 1u);  // garbled, unnumbered and too-short lines are skipped
  EXPECT_EQ(stat.per_core[0][3], 4u);
  EXPECT_EQ(stat.boot_time, 1705312000);
  EXPECT_FALSE(parse_proc_stat("").total);
}

TEST(SystemReaders, CpuCountsFromCpuinfoWithStatFallback) {
  const std::string ht =
      "processor\t: 0\nphysical id\t: 0\ncore id\t\t: 0\n\nprocessor\t: 1\nphysical id\t: 0\n"
      "core id\t\t: 0\n\nprocessor\t: 2\nphysical id\t: 1\ncore id\t\t: 0\n\n";
  const auto counts = count_cpus(ht, {});
  EXPECT_EQ(counts.physical, 2);
  EXPECT_EQ(counts.logical, 3);
  proc_stat stat;
  stat.per_core.resize(8);
  const auto arm = count_cpus("Processor\t: AArch64\nBogoMIPS\t: 50.00\n", stat);
  EXPECT_EQ(arm.physical, 0);  // psutil: None, which the original turns into 0
  EXPECT_EQ(arm.logical, 8);
}

TEST(SystemReaders, MeminfoUsesPsutilFormulas) {
  const auto mem = parse_meminfo(
      "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 600 kB\nBuffers: 50 kB\n"
      "Cached: 200 kB\nSReclaimable: 50 kB\n");
  EXPECT_EQ(mem.total, 1024000u);
  EXPECT_EQ(mem.cached, 250u * 1024);
  EXPECT_EQ(mem.used, (1000u - 100 - 50 - 250) * 1024);
  EXPECT_EQ(mem.available, 600u * 1024);
  EXPECT_DOUBLE_EQ(mem.percent, 40.0);

  const auto odd = parse_meminfo("MemTotal: 100 kB\nMemFree: 90 kB\nCached: 50 kB\n");
  EXPECT_EQ(odd.used, 10u * 1024);       // total - free when the sum overshoots
  EXPECT_EQ(odd.available, 90u * 1024);  // no MemAvailable, estimate above total: free

  const auto none = parse_meminfo("");
  EXPECT_EQ(none.total, 0u);
  EXPECT_DOUBLE_EQ(none.percent, 0.0);
}

TEST(SystemReaders, DiskstatsLayouts) {
  const auto disks = parse_diskstats(
      "8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"                       // 14 columns (before 4.18)
      "8 1 sda1 10 20 30 40\n"                                  // 7: 2.6 partition line
      "259 0 nvme0n1 1 0 8 0 2 0 16 0 0 0 0 0 0 0 0 0 0 0 0\n"  // 20 columns (5.5+)
      "3 0 39 hda 5 0 6 0 7 0 8 0 0 0 0\n"                      // 15: 2.4, psutil's columns
      "8 2 bad 1 2 3\n"
      "8 3 sdx 1 2 x 4\n");
  ASSERT_EQ(disks.size(), 4u);
  EXPECT_EQ(disks[0].name, "sda");
  EXPECT_EQ(disks[0].reads, 1u);
  EXPECT_EQ(disks[0].read_bytes, 3u * 512);
  EXPECT_EQ(disks[0].writes, 5u);
  EXPECT_EQ(disks[0].write_bytes, 7u * 512);
  EXPECT_EQ(disks[1].reads, 10u);
  EXPECT_EQ(disks[1].read_bytes, 20u * 512);
  EXPECT_EQ(disks[1].write_bytes, 40u * 512);
  EXPECT_EQ(disks[2].write_bytes, 16u * 512);
  EXPECT_EQ(disks[3].name, "hda");
  EXPECT_EQ(disks[3].reads, 39u);
}

TEST(SystemReaders, TextParsing) {
  EXPECT_EQ(decode_mount_escapes("/scratch\\040space"), "/scratch space");
  EXPECT_EQ(decode_mount_escapes("/a\\011b\\134c"), "/a\tb\\c");
  EXPECT_EQ(decode_mount_escapes("/odd\\04"), "/odd\\04");
  EXPECT_EQ(decode_mount_escapes("/odd\\999"), "/odd\\999");
  EXPECT_EQ(to_u64(" 42\n"), 42u);
  EXPECT_FALSE(to_u64("42kB"));
  EXPECT_FALSE(to_u64("-1"));
  EXPECT_FALSE(to_u64(""));
  EXPECT_EQ(to_double("3100.500"), 3100.5);
  EXPECT_EQ(find_field("Name:\tx\nUid:\t1000\t1000\n", "Uid", ':'), "1000\t1000");
  EXPECT_FALSE(find_field("Uidx: 1\n", "Uid", ':'));
}

}  // namespace
}  // namespace smistat::system
