// Every recorded host tree, sampled twice (the tree, then its `later/` counters 2 s on), must
// give the same text as its golden file; plus the hand-checked values of the synthetic tree.
#include <gtest/gtest.h>

#include <cctype>

#include "src/system/system_info.hpp"
#include "tests/support/golden.hpp"
#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

using namespace std::chrono_literals;
const auto t0 = std::chrono::steady_clock::time_point(1000s);

class SystemSampleGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(SystemSampleGolden, FirstAndLaterSamplesMatchGolden) {
  test::scratch_root root(test::host_tree(GetParam()));
  system_sampler sampler(root.path());
  const auto first = sampler.sample(t0);
  root.advance_to_later();
  const auto later = sampler.sample(t0 + 2s);
  const auto golden = test::fixtures_dir() / "host/golden" / GetParam();
  EXPECT_TRUE(test::matches_golden(golden.string() + ".first.txt", test::describe(first)));
  EXPECT_TRUE(test::matches_golden(golden.string() + ".later.txt", test::describe(later)));
}

INSTANTIATE_TEST_SUITE_P(Trees, SystemSampleGolden, ::testing::ValuesIn(test::host_tree_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name) c = std::isalnum(c) != 0 ? c : '_';
                           return name;
                         });

TEST(SystemSample, SyntheticWorkstationFirstSample) {
  system_sampler sampler(test::host_tree("synthetic-workstation"));
  const auto s = sampler.sample(t0);
  EXPECT_EQ(s.os.os, "Linux");
  EXPECT_EQ(s.os.os_release, "6.1.0-18-amd64");
  EXPECT_EQ(s.os.os_version, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)");
  EXPECT_EQ(s.os.architecture, "x86_64");
  EXPECT_EQ(s.os.processor, "");
  EXPECT_EQ(s.os.hostname, "node01");
  EXPECT_EQ(s.os.platform, "Linux-6.1.0-18-amd64-x86_64-with-glibc2.36");
  EXPECT_EQ(s.cpu.count_physical, 2);
  EXPECT_EQ(s.cpu.count_logical, 4);
  EXPECT_DOUBLE_EQ(s.cpu.percent, 0.0);
  EXPECT_EQ(s.cpu.per_core_percent, (std::vector<double>{0.0, 0.0, 0.0, 0.0}));
  EXPECT_DOUBLE_EQ(s.cpu.freq_current_mhz, 2500.21875);
  EXPECT_DOUBLE_EQ(s.cpu.freq_min_mhz, 800.0);
  EXPECT_DOUBLE_EQ(s.cpu.freq_max_mhz, 4200.0);
  EXPECT_EQ(s.memory.total, std::uint64_t{32768000} * 1024);
  EXPECT_EQ(s.memory.used, std::uint64_t{19857408} * 1024);
  EXPECT_EQ(s.memory.cached, std::uint64_t{4194304} * 1024);
  EXPECT_DOUBLE_EQ(s.memory.percent, 50.0);
  EXPECT_DOUBLE_EQ(*s.max_temperature_celsius, 61.25);  // hwmon wins; thermal zones unread
  EXPECT_DOUBLE_EQ(s.root_disk.percent, 63.2);
}

TEST(SystemSample, TopProcessesByRssWithNamesAndUsers) {
  system_sampler sampler(test::host_tree("synthetic-workstation"));
  const auto top = sampler.sample(t0).memory.top_processes;
  struct row {
    std::int64_t pid;
    std::string name;
    std::uint64_t rss;
    std::string user;
  };
  const std::vector<row> expected = {
      {812, "python3", 1u << 30, "alice"},
      {5005, "inference-server", 1u << 29, "alice"},  // comm "inference-serve", extended
      {3003, "worker", 1u << 28, "4242"},             // no passwd entry: the uid, as psutil
      {1, "systemd", 3000u * 4096, "root"},
      {1234, "tmux: server", 2000u * 4096, "bob"},  // ties with 2222: lower pid first
  };
  ASSERT_EQ(top.size(), expected.size());
  for (std::size_t i = 0; i < top.size(); ++i) {
    EXPECT_EQ(top[i].pid, expected[i].pid);
    EXPECT_EQ(top[i].name, expected[i].name);
    EXPECT_EQ(top[i].rss_bytes, expected[i].rss);
    EXPECT_EQ(top[i].username, expected[i].user);
  }
}

TEST(SystemSample, RecordedVmFallsBackToCpuinfoFrequencyAndHasNoSensors) {
  system_sampler sampler(test::host_tree("vm-2cpu-ext4"));
  const auto s = sampler.sample(t0);
  EXPECT_EQ(s.os.platform, "Linux-6.18.44-fc-v669-x86_64-with-glibc2.36");
  EXPECT_EQ(s.cpu.count_physical, 2);
  EXPECT_EQ(s.cpu.count_logical, 2);
  EXPECT_DOUBLE_EQ(s.cpu.freq_current_mhz, 2596.144);
  EXPECT_DOUBLE_EQ(s.cpu.freq_max_mhz, 0.0);
  EXPECT_FALSE(s.max_temperature_celsius.has_value());
  EXPECT_EQ(s.memory.top_processes.front().name, "python3");
  EXPECT_EQ(s.memory.top_processes.front().username, "root");
}

}  // namespace
}  // namespace smistat::system
