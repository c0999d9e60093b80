// Sanity of the live host ("/"): plausible ranges, and this test process found by pid.
#include <gtest/gtest.h>
#include <unistd.h>

#include "src/system/system_info.hpp"

namespace smistat::system {
namespace {

TEST(SystemLive, SampleOfThisHostIsPlausible) {
  system_sampler sampler;
  const auto now = std::chrono::steady_clock::now();
  system_snapshot s;
  ASSERT_NO_THROW(s = sampler.sample(now));
  ASSERT_NO_THROW(s = sampler.sample(now + std::chrono::seconds(1)));
  EXPECT_EQ(s.os.os, "Linux");
  EXPECT_FALSE(s.os.os_release.empty());
  EXPECT_FALSE(s.os.architecture.empty());
  EXPECT_EQ(s.os.platform.rfind("Linux-" + s.os.os_release + "-" + s.os.architecture, 0), 0u);
  EXPECT_NE(s.os.platform.find("-with-glibc"), std::string::npos);
  EXPECT_GE(s.cpu.count_logical, 1);
  EXPECT_LE(s.cpu.count_physical, s.cpu.count_logical);
  EXPECT_EQ(s.cpu.per_core_percent.size(), static_cast<std::size_t>(s.cpu.count_logical));
  EXPECT_GE(s.cpu.percent, 0.0);
  EXPECT_LE(s.cpu.percent, 100.0);
  for (const double p : s.cpu.per_core_percent) EXPECT_TRUE(p >= 0.0 && p <= 100.0) << p;
  EXPECT_GE(s.cpu.freq_current_mhz, 0.0);
  EXPECT_GT(s.memory.total, std::uint64_t{64} << 20);
  EXPECT_LE(s.memory.available, s.memory.total);
  EXPECT_LE(s.memory.used, s.memory.total);
  EXPECT_TRUE(s.memory.percent >= 0.0 && s.memory.percent <= 100.0);
  ASSERT_FALSE(s.memory.top_processes.empty());
  EXPECT_LE(s.memory.top_processes.size(), 5u);
  for (std::size_t i = 1; i < s.memory.top_processes.size(); ++i) {
    EXPECT_GE(s.memory.top_processes[i - 1].rss_bytes, s.memory.top_processes[i].rss_bytes);
  }
  EXPECT_GT(s.root_disk.total, 0u);
  EXPECT_GE(s.disk.total, s.root_disk.total);
  EXPECT_GE(s.io.read_bytes_per_sec, 0.0);
  if (s.max_temperature_celsius) {
    EXPECT_LT(*s.max_temperature_celsius, 150.0);
  }
}

TEST(SystemLive, FindsThisProcess) {
  system_sampler sampler;
  const auto now = std::chrono::steady_clock::now();
  const auto procs = sampler.processes({::getpid(), 0x7ffffff0}, now);
  ASSERT_EQ(procs.size(), 2u);
  EXPECT_FALSE(procs[0].name.empty());
  EXPECT_FALSE(procs[0].username.empty());
  EXPECT_NE(procs[0].cmdline.find("smistat_system_test"), std::string::npos);
  EXPECT_GT(procs[0].rss_bytes, 0u);
  ASSERT_TRUE(procs[0].start_time);
  const auto age = std::chrono::system_clock::now() - *procs[0].start_time;
  EXPECT_GT(age, -std::chrono::seconds(5));
  EXPECT_LT(age, std::chrono::hours(1));
  EXPECT_EQ(procs[1].name, "");
}

}  // namespace
}  // namespace smistat::system
