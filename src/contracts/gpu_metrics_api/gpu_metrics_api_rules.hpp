#pragma once
// The decision rules of contract 001: active/idle status, throttling bottlenecks, PCIe
// bandwidth per generation and the `debug_info` strings. Kept apart so tests can drive them
// as tables.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::render {

/** Clock-event reason bits (nvidia-ml-py names). */
namespace throttle_bit {
inline constexpr std::uint64_t gpu_idle = 0x1;
inline constexpr std::uint64_t hw_slowdown = 0x8;
inline constexpr std::uint64_t sw_thermal_slowdown = 0x20;
inline constexpr std::uint64_t hw_thermal_slowdown = 0x40;
}  // namespace throttle_bit

/** What the status rule looks at. */
struct activity_inputs {
  double gpu_utilization = 0.0;
  double power_w = 0.0;
  double memory_utilization = 0.0;  ///< capacity percent (used/total), 1 dp
  double graphics_mhz = 0.0;
  double max_graphics_mhz = 0.0;
  double temperature = 0.0;
};

/** Active when util >= 5 or power > 10 W or memory >= 5 % or gfx > 30 % of max or temp > 40. */
bool is_active(const activity_inputs& in) noexcept;

/** What the bottleneck rules look at. */
struct throttle_inputs {
  std::uint64_t reasons = 0;
  double power_w = 0.0;
  double limit_w = 0.0;
  double memory_utilization = 0.0;  ///< capacity percent (used/total), 1 dp
  double gpu_utilization = 0.0;
  double pcie_utilization = 0.0;
};

/** The decoded bottlenecks, in the original's order. `thermal_throttling` fires on the
 *  software or hardware thermal bit: the original could never emit it. */
std::vector<std::string_view> bottlenecks(const throttle_inputs& in);

/** Per-lane bandwidth x 1000 x width, 1 dp (gen4 x16 = 31504.0); 0.0 for unknown generations. */
double pcie_max_bandwidth_mbps(std::int64_t generation, std::int64_t width);

/** The five `debug_info` strings, formatted as the original's f-strings (`°C` in UTF-8). */
struct debug_strings {
  std::string gpu_util_threshold, power_threshold, memory_util_threshold, clock_threshold,
      temp_threshold;
};
/** Formats the thresholds for one GPU's readings. */
debug_strings debug_info(const activity_inputs& in);

}  // namespace smistat::render
