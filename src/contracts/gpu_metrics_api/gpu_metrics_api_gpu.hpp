#pragma once
// One GPU of contract 001 as read from a snapshot row, with the original's N/A rule applied
// (0, 0.0 or ""), and the figures derived from it that the JSON and the rules share.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** The raw readings of one GPU row; every unknown value is already 0 / 0.0 / "". */
struct gpu_reading {
  std::int64_t id = 0;
  std::string name, uuid, bus_id, compute_capability;
  std::int64_t performance_state = -1;
  double memory_total_mb = 0.0, memory_used_mb = 0.0, memory_free_mb = 0.0;  ///< MiB
  std::int64_t gpu_utilization = 0, memory_utilization = 0;
  std::int64_t temperature = 0;
  double power_draw_w = 0.0;        ///< unrounded
  std::int64_t power_limit_mw = 0;  ///< enforced limit, else the power limit
  std::int64_t graphics_mhz = 0, memory_mhz = 0, max_graphics_mhz = 0, max_memory_mhz = 0;
  std::int64_t pcie_generation = 0, pcie_width = 0;  ///< the link's maxima
  double tx_mbps = 0.0, rx_mbps = 0.0;               ///< KB/s / 1024, unrounded
  std::uint64_t throttle_reasons = 0;
  std::int64_t fan_percent = 0;
};

/** Values computed from a reading, rounded as the original rounds them. */
struct gpu_figures {
  double memory_utilization_percent = 0.0;  ///< used/total*100, 1 dp (capacity, not activity)
  double power_w = 0.0;                     ///< draw, 1 dp
  double limit_w = 0.0;
  double budget_w = 0.0;                ///< max(0, limit - draw), 1 dp
  std::int64_t power_efficiency = 0;    ///< draw/limit*100, rounded
  std::int64_t clock_efficiency = 0;    ///< gfx/max gfx*100, rounded
  double pcie_total_mbps = 0.0;         ///< unrounded
  double pcie_max_mbps = 0.0;           ///< 1 dp
  double pcie_utilization_exact = 0.0;  ///< unrounded percent
  std::int64_t pcie_utilization = 0;    ///< rounded percent
};

/** Reads row `row` of the snapshot's table (and its `-q` details). */
gpu_reading read_gpu(const collect::snapshot& s, std::size_t row);

/** Derives the shared figures. */
gpu_figures figures_of(const gpu_reading& g);

/** Python's `int(round(x))`: ties to even. */
std::int64_t round_to_int(double x);

/** Bus ids as nvidia-smi prints them in different places (`00000000:0C:00.0`,
 *  `0000:0c:00.0`) name the same device. */
bool same_bus_id(std::string_view a, std::string_view b) noexcept;

/** One `top_processes` entry. */
struct gpu_process {
  std::int64_t pid = 0;
  std::string name;  ///< "" when /proc did not resolve it
  double memory_mb = 0.0;
  double memory_percent = 0.0;  ///< of the GPU's total memory
  std::string username;         ///< "" when unresolvable
  double cpu_percent = 0.0;
};

/** The top 5 processes of a GPU by GPU memory, one entry per pid. */
std::vector<gpu_process> top_gpu_processes(const collect::snapshot& s, const gpu_reading& g);

}  // namespace smistat::render
