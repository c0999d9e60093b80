#include "src/contracts/gpu_metrics_api/gpu_metrics_api_rules.hpp"

#include <array>
#include <cstdio>

#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {
namespace {

// GB/s per lane, generations 1 to 6 (after encoding overhead), as the original's table.
constexpr std::array<double, 6> lane_gbps{0.250, 0.500, 0.985, 1.969, 3.938, 7.877};

// Python's `f"{x:.Nf}"`: glibc's printf rounds the exact binary value half-to-even, as
// CPython does, so the two agree digit for digit.
std::string fixed(double x, int decimals) {
  std::array<char, 64> buf{};
  const int n = std::snprintf(buf.data(), buf.size(), "%.*f", decimals, x);
  return std::string(buf.data(), n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace

bool is_active(const activity_inputs& in) noexcept {
  return in.gpu_utilization >= 5.0 || in.power_w > 10.0 || in.memory_utilization >= 5.0 ||
         in.graphics_mhz > 0.3 * in.max_graphics_mhz || in.temperature > 40.0;
}

std::vector<std::string_view> bottlenecks(const throttle_inputs& in) {
  std::vector<std::string_view> out;
  if (in.reasons & (throttle_bit::sw_thermal_slowdown | throttle_bit::hw_thermal_slowdown))
    out.push_back("thermal_throttling");
  if (in.reasons & throttle_bit::hw_slowdown)
    out.push_back(in.power_w >= 0.95 * in.limit_w ? "power_throttling" : "board_power_throttling");
  if (in.memory_utilization >= 80.0) out.push_back("high_memory_usage");
  if (in.memory_utilization >= 60.0 && in.gpu_utilization <= 40.0)
    out.push_back("memory_bound_workload");
  if (in.pcie_utilization >= 80.0) out.push_back("pcie_bandwidth_saturated");
  return out;
}

double pcie_max_bandwidth_mbps(std::int64_t generation, std::int64_t width) {
  if (generation < 1 || generation > static_cast<std::int64_t>(lane_gbps.size()) || width <= 0)
    return 0.0;
  const double per_lane = lane_gbps[static_cast<std::size_t>(generation - 1)];
  return python_round(per_lane * 1000 * static_cast<double>(width), 1);
}

debug_strings debug_info(const activity_inputs& in) {
  debug_strings d;
  d.gpu_util_threshold = fixed(in.gpu_utilization, 1) + "% >= 5.0%";
  d.power_threshold = fixed(in.power_w, 1) + "W > 10.0W";
  d.memory_util_threshold = fixed(in.memory_utilization, 1) + "% >= 5.0%";
  d.clock_threshold =
      fixed(in.graphics_mhz, 0) + "MHz > " + fixed(in.max_graphics_mhz * 0.3, 0) + "MHz";
  d.temp_threshold = fixed(in.temperature, 1) + "\u00b0C > 40.0\u00b0C";
  return d;
}

}  // namespace smistat::render
