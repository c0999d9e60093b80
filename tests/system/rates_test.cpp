// Percentages and rates between two recorded samples, and what happens when the counters or the
// clock do not move forward.
#include <gtest/gtest.h>

#include "src/system/disk_io_reader.hpp"
#include "src/system/proc_text.hpp"
#include "src/system/system_info.hpp"
#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

using namespace std::chrono_literals;
const auto t0 = std::chrono::steady_clock::time_point(1000s);

TEST(SystemRates, CpuPercentBetweenRecordedSamples) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  sampler.sample(t0);
  root.advance_to_later();
  const auto s = sampler.sample(t0 + 2s);
  // Total: user +260, system +40, idle +500; iowait and softirq went down and count as 0.
  EXPECT_DOUBLE_EQ(s.cpu.percent, 37.5);
  EXPECT_EQ(s.cpu.per_core_percent, (std::vector<double>{66.7, 20.0, 64.0, 0.0}));
}

TEST(SystemRates, DiskRatesOverWholeDisksOnly) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  const auto first = sampler.sample(t0);
  // loop0 + sda + nvme0n1 + nvme1n1 + dm-0; partitions and the sdb1 line (no sys/block) left out.
  EXPECT_EQ(first.io.total_read_ops, 6410u);
  EXPECT_EQ(first.io.total_write_ops, 5400u);
  EXPECT_EQ(first.io.total_read_bytes, 1208080u * 512);
  EXPECT_EQ(first.io.total_write_bytes, 1008000u * 512);
  EXPECT_DOUBLE_EQ(first.io.read_bytes_per_sec, 0.0);
  EXPECT_DOUBLE_EQ(first.io.write_ops_per_sec, 0.0);
  root.advance_to_later();
  const auto later = sampler.sample(t0 + 2s);
  EXPECT_DOUBLE_EQ(later.io.read_ops_per_sec, 150.0);
  EXPECT_DOUBLE_EQ(later.io.write_ops_per_sec, 200.0);
  EXPECT_DOUBLE_EQ(later.io.read_bytes_per_sec, 14000.0 * 512 / 2);
  EXPECT_DOUBLE_EQ(later.io.write_bytes_per_sec, 40000.0 * 512 / 2);
}

TEST(SystemRates, RecordedVmCountersAdvance) {
  test::scratch_root root(test::host_tree("vm-2cpu-ext4"));
  system_sampler sampler(root.path());
  sampler.sample(t0);
  root.advance_to_later();
  const auto s = sampler.sample(t0 + 2310ms);  // the two recordings were 2.31 s apart
  EXPECT_GT(s.cpu.percent, 50.0);              // a busy loop held one of the two CPUs
  EXPECT_LE(s.cpu.percent, 100.0);
  EXPECT_GT(s.io.read_bytes_per_sec, 0.0);
  EXPECT_EQ(s.cpu.per_core_percent.size(), 2u);
}

TEST(SystemRates, NoElapsedTimeGivesZeroRates) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  sampler.sample(t0);
  root.advance_to_later();
  const auto s = sampler.sample(t0);
  EXPECT_DOUBLE_EQ(s.io.read_bytes_per_sec, 0.0);
  EXPECT_DOUBLE_EQ(s.io.read_ops_per_sec, 0.0);
  EXPECT_EQ(s.io.total_read_ops, 6710u);  // the raw counters are still reported
}

TEST(SystemRates, CountersThatGoDownGiveZeroNotNegative) {
  disk_counters before{"", 100, 100, 1000, 1000};
  disk_counters after{"", 50, 150, 2000, 500};  // reads and write bytes went down (a reset)
  const disk_io io = disk_rates(after, &before, 10.0);
  EXPECT_DOUBLE_EQ(io.read_ops_per_sec, 0.0);
  EXPECT_DOUBLE_EQ(io.write_ops_per_sec, 5.0);
  EXPECT_DOUBLE_EQ(io.read_bytes_per_sec, 100.0);
  EXPECT_DOUBLE_EQ(io.write_bytes_per_sec, 0.0);
  EXPECT_DOUBLE_EQ(disk_rates(after, &before, -1.0).write_ops_per_sec, 0.0);
}

TEST(SystemRates, CpuCoresAppearingBetweenSamplesStartAtZero) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  root.write("proc/stat", "cpu  1 0 0 1\ncpu0 1 0 0 1\n");
  sampler.sample(t0);
  root.write("proc/stat", "cpu  3 0 0 3\ncpu0 2 0 0 2\ncpu1 1 0 0 1\n");
  const auto s = sampler.sample(t0 + 1s);
  EXPECT_DOUBLE_EQ(s.cpu.percent, 50.0);
  EXPECT_EQ(s.cpu.per_core_percent, (std::vector<double>{50.0, 0.0}));
}

TEST(SystemRates, SensorsAreReadEachTimeAndFoundAgainOnlyWithTheLayout) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  system_sampler sampler(root.path());
  EXPECT_DOUBLE_EQ(*sampler.sample(t0).max_temperature_celsius, 61.25);
  root.write("sys/class/hwmon/hwmon0/temp1_input", "70500\n");
  EXPECT_DOUBLE_EQ(*sampler.sample(t0 + 1s).max_temperature_celsius, 70.5) << "a new value";
  // A sensor that appears is found with the layout, a minute after it was last read.
  root.write("sys/class/hwmon/hwmon9/temp1_input", "90000\n");
  EXPECT_DOUBLE_EQ(*sampler.sample(t0 + 2s).max_temperature_celsius, 70.5);
  EXPECT_DOUBLE_EQ(*sampler.sample(t0 + 61s).max_temperature_celsius, 90.0);
}

TEST(SystemRates, WithoutCpufreqTheFrequencyComesWithTheLayout) {
  // The VM recording has no cpufreq folder: /proc/cpuinfo's "cpu MHz" is the frequency.
  test::scratch_root root(test::host_tree("vm-2cpu-ext4"));
  system_sampler sampler(root.path());
  EXPECT_DOUBLE_EQ(sampler.sample(t0).cpu.freq_current_mhz, 2596.144);
  auto cpuinfo = *read_text(root.path() / "proc/cpuinfo");
  for (auto at = cpuinfo.find("2596.144"); at != std::string::npos; at = cpuinfo.find("2596.144"))
    cpuinfo.replace(at, 8, "1200.000");
  root.write("proc/cpuinfo", cpuinfo);
  EXPECT_DOUBLE_EQ(sampler.sample(t0 + 1s).cpu.freq_current_mhz, 2596.144)
      << "not generated again every reading";
  EXPECT_DOUBLE_EQ(sampler.sample(t0 + 61s).cpu.freq_current_mhz, 1200.0);
}

}  // namespace
}  // namespace smistat::system
