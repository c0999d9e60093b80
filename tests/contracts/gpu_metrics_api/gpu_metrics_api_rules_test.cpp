#include "src/contracts/gpu_metrics_api/gpu_metrics_api_rules.hpp"

#include <gtest/gtest.h>

namespace smistat::render {
namespace {

struct bottleneck_case {
  const char* name;
  throttle_inputs in;
  std::vector<std::string_view> expected;
};

TEST(gpu_metrics_rules, bottlenecks) {
  // reasons, power_w, limit_w, memory %, gpu %, pcie %
  const bottleneck_case cases[] = {
      {"nothing", {0x0, 50, 300, 10, 90, 5}, {}},
      {"idle bit alone decodes to nothing", {0x1, 20, 300, 1, 0, 0}, {}},
      {"sw thermal slowdown", {0x20, 50, 300, 10, 90, 5}, {"thermal_throttling"}},
      {"hw thermal slowdown", {0x40, 50, 300, 10, 90, 5}, {"thermal_throttling"}},
      {"sw power cap alone is not decoded", {0x4, 300, 300, 10, 90, 5}, {}},
      {"hw slowdown at 95% of the limit", {0x8, 285, 300, 10, 90, 5}, {"power_throttling"}},
      {"hw slowdown below 95%", {0x8, 284.9, 300, 10, 90, 5}, {"board_power_throttling"}},
      {"hw slowdown with an unknown limit", {0x8, 0, 0, 10, 90, 5}, {"power_throttling"}},
      {"high memory usage", {0x0, 50, 300, 80, 90, 5}, {"high_memory_usage"}},
      {"memory bound", {0x0, 50, 300, 60, 40, 5}, {"memory_bound_workload"}},
      {"memory bound needs low gpu use", {0x0, 50, 300, 60, 40.5, 5}, {}},
      {"just under memory thresholds", {0x0, 50, 300, 59.9, 0, 5}, {}},
      {"pcie saturated", {0x0, 50, 300, 10, 90, 80}, {"pcie_bandwidth_saturated"}},
      {"all at once, in the original's order",
       {0x68, 100, 300, 85, 10, 95},
       {"thermal_throttling", "board_power_throttling", "high_memory_usage",
        "memory_bound_workload", "pcie_bandwidth_saturated"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(bottlenecks(c.in), c.expected);
  }
}

struct status_case {
  const char* name;
  activity_inputs in;
  bool active;
};

TEST(gpu_metrics_rules, status) {
  // gpu %, power_w, memory %, gfx MHz, max gfx MHz, temperature
  const status_case cases[] = {
      {"all quiet", {4, 10, 4.9, 300, 1000, 40}, false},
      {"gpu utilisation at 5", {5, 10, 0, 300, 1000, 40}, true},
      {"power above 10 W", {0, 10.1, 0, 300, 1000, 40}, true},
      {"memory at 5 %", {0, 0, 5.0, 300, 1000, 40}, true},
      {"clock above 30 % of max", {0, 0, 0, 301, 1000, 40}, true},
      {"clock at exactly 30 %", {0, 0, 0, 300, 1000, 40}, false},
      {"temperature above 40", {0, 0, 0, 0, 1000, 41}, true},
      {"unknown max clock: any clock counts", {0, 0, 0, 1, 0, 0}, true},
      {"everything unknown", {0, 0, 0, 0, 0, 0}, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(is_active(c.in), c.active);
  }
}

TEST(gpu_metrics_rules, pcie_max_bandwidth_per_generation) {
  const struct {
    std::int64_t gen, width;
    double expected;
  } cases[] = {
      {1, 16, 4000.0},  {2, 16, 8000.0},   {3, 16, 15760.0}, {4, 16, 31504.0},
      {5, 16, 63008.0}, {6, 16, 126032.0}, {4, 8, 15752.0},  {3, 1, 985.0},
      {0, 16, 0.0},     {7, 16, 0.0},      {4, 0, 0.0},      {-1, 4, 0.0},
  };
  for (const auto& c : cases)
    EXPECT_EQ(pcie_max_bandwidth_mbps(c.gen, c.width), c.expected) << c.gen << "x" << c.width;
}

TEST(gpu_metrics_rules, debug_strings_match_the_f_strings) {
  const debug_strings d = debug_info({45, 185.25, 8.3, 2520, 2520, 58});
  EXPECT_EQ(d.gpu_util_threshold, "45.0% >= 5.0%");
  EXPECT_EQ(d.power_threshold, "185.2W > 10.0W");  // an exact tie rounds to even
  EXPECT_EQ(d.memory_util_threshold, "8.3% >= 5.0%");
  EXPECT_EQ(d.clock_threshold, "2520MHz > 756MHz");
  EXPECT_EQ(d.temp_threshold, "58.0\u00b0C > 40.0\u00b0C");
  // `:.0f` rounds half to even, as Python does: 0.3 * 1005 = 301.5 -> 302, 2.5 -> 2
  EXPECT_EQ(debug_info({0, 0, 0, 0, 1005, 0}).clock_threshold, "0MHz > 302MHz");
  EXPECT_EQ(debug_info({0, 0, 0, 2.5, 0, 0}).clock_threshold, "2MHz > 0MHz");
}

}  // namespace
}  // namespace smistat::render
