#include "src/contracts/gpu_metrics_api/gpu_metrics_api_gpu.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "src/common/text.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_rules.hpp"
#include "src/contracts/kit/json_writer.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

double number_or_zero(const parsers::query_table& t, std::size_t row, gpu_field field) {
  return number_cell(t, row, field).value_or(0.0);
}

// The original applies int(round(x)) to NVML's numbers; a placeholder reads as 0.
std::int64_t rounded_or_zero(const parsers::query_table& t, std::size_t row, gpu_field field) {
  const auto v = number_cell(t, row, field);
  return v ? round_to_int(*v) : 0;
}

std::int64_t power_limit_mw(const parsers::query_table& t, std::size_t row) {
  auto watts = number_cell(t, row, gpu_field::enforced_power_limit);
  if (!watts) watts = number_cell(t, row, gpu_field::power_limit);
  return watts ? round_to_int(*watts * 1000.0) : 0;  // W => mW, as NVML reports it
}

const parsers::gpu_details* find_details(const collect::snapshot& s, const gpu_reading& g) {
  for (const auto& d : s.details)
    if (!g.bus_id.empty() && same_bus_id(d.bus_id, g.bus_id)) return &d;
  for (const auto& d : s.details)
    if (!g.uuid.empty() && d.uuid == g.uuid) return &d;
  return nullptr;
}

void read_throughput(const collect::snapshot& s, gpu_reading& g) {
  const auto* d = find_details(s, g);
  if (!d) return;
  // NVML's PCIe throughput is KB/s; the original divides by 1024 and calls it MB/s.
  g.tx_mbps = d->tx_throughput_kb_per_sec.value_or(0.0) / 1024.0;
  g.rx_mbps = d->rx_throughput_kb_per_sec.value_or(0.0) / 1024.0;
}

void read_identity(const parsers::query_table& t, std::size_t row, gpu_reading& g) {
  g.id = integer_cell(t, row, gpu_field::index).value_or(static_cast<std::int64_t>(row));
  g.name = text_cell(t, row, gpu_field::name).value_or("");
  g.uuid = text_cell(t, row, gpu_field::uuid).value_or("");
  g.bus_id = text_cell(t, row, gpu_field::pci_bus_id).value_or("");
  g.compute_capability = text_cell(t, row, gpu_field::compute_cap).value_or("");
  const parsers::cell* pstate = t.find(row, gpu_field::pstate);
  g.performance_state = pstate ? parsers::to_pstate(*pstate).value_or(-1) : -1;
}

void read_clocks_and_link(const parsers::query_table& t, std::size_t row, gpu_reading& g) {
  g.graphics_mhz = rounded_or_zero(t, row, gpu_field::clocks_current_graphics);
  g.memory_mhz = rounded_or_zero(t, row, gpu_field::clocks_current_memory);
  g.max_graphics_mhz = rounded_or_zero(t, row, gpu_field::clocks_max_graphics);
  g.max_memory_mhz = rounded_or_zero(t, row, gpu_field::clocks_max_memory);
  g.pcie_generation = rounded_or_zero(t, row, gpu_field::pcie_link_gen_max);
  g.pcie_width = rounded_or_zero(t, row, gpu_field::pcie_link_width_max);
  const parsers::cell* reasons = t.find(row, gpu_field::clocks_event_reasons_active);
  g.throttle_reasons = reasons ? parsers::to_hex(*reasons).value_or(0) : 0;
  g.fan_percent = rounded_or_zero(t, row, gpu_field::fan_speed);
}

std::optional<std::uint64_t> hex_domain(std::string_view domain) noexcept {
  std::uint64_t v = 0;
  const char* last = domain.data() + domain.size();
  const auto [end, ec] = std::from_chars(domain.data(), last, v, 16);
  if (domain.empty() || ec != std::errc{} || end != last) return std::nullopt;
  return v;
}

}  // namespace

std::int64_t round_to_int(double x) {
  constexpr double limit = 9.0e18;  // inside int64; nvidia-smi values are far smaller
  if (!std::isfinite(x)) return 0;
  return static_cast<std::int64_t>(std::nearbyint(std::clamp(x, -limit, limit)));
}

bool same_bus_id(std::string_view a, std::string_view b) noexcept {
  const auto ca = a.find(':'), cb = b.find(':');
  if (ca == std::string_view::npos || cb == std::string_view::npos) return common::iequals(a, b);
  // The domain is printed with 8 hex digits by -q and --query-gpu, with 4 in error lines.
  const auto da = hex_domain(a.substr(0, ca)), db = hex_domain(b.substr(0, cb));
  return da && da == db && common::iequals(a.substr(ca), b.substr(cb));
}

gpu_reading read_gpu(const collect::snapshot& s, std::size_t row) {
  const parsers::query_table& t = s.gpus;
  gpu_reading g;
  read_identity(t, row, g);
  // All three or none, as NVML gave them: an unknown `used` must not make a GPU read as empty.
  const memory_mib memory = memory_cells(t, row).value_or(memory_mib{});
  g.memory_total_mb = static_cast<double>(memory.total);
  g.memory_used_mb = static_cast<double>(memory.used);
  g.memory_free_mb = static_cast<double>(memory.free);
  g.gpu_utilization = rounded_or_zero(t, row, gpu_field::utilization_gpu);
  g.memory_utilization = rounded_or_zero(t, row, gpu_field::utilization_memory);
  g.temperature = rounded_or_zero(t, row, gpu_field::temperature_gpu);
  g.power_draw_w = number_or_zero(t, row, gpu_field::power_draw);
  g.power_limit_mw = power_limit_mw(t, row);
  read_clocks_and_link(t, row, g);
  read_throughput(s, g);
  return g;
}

gpu_figures figures_of(const gpu_reading& g) {
  gpu_figures f;
  if (g.memory_total_mb > 0)
    f.memory_utilization_percent = python_round(g.memory_used_mb / g.memory_total_mb * 100, 1);
  f.power_w = python_round(g.power_draw_w, 1);
  f.limit_w = static_cast<double>(g.power_limit_mw) / 1000.0;
  f.budget_w = python_round(std::max(0.0, f.limit_w - f.power_w), 1);
  if (f.limit_w > 0) f.power_efficiency = round_to_int(f.power_w / f.limit_w * 100);
  if (g.max_graphics_mhz > 0)
    f.clock_efficiency = round_to_int(static_cast<double>(g.graphics_mhz) /
                                      static_cast<double>(g.max_graphics_mhz) * 100);
  f.pcie_total_mbps = g.tx_mbps + g.rx_mbps;
  f.pcie_max_mbps = pcie_max_bandwidth_mbps(g.pcie_generation, g.pcie_width);
  if (f.pcie_max_mbps > 0) f.pcie_utilization_exact = f.pcie_total_mbps / f.pcie_max_mbps * 100;
  f.pcie_utilization = round_to_int(f.pcie_utilization_exact);
  return f;
}

}  // namespace smistat::render
