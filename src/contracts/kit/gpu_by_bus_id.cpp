#include "src/contracts/kit/gpu_by_bus_id.hpp"

#include "parsers/xid_line.hpp"

namespace smistat::render {

using parsers::gpu_field;

std::optional<gpu_identity> gpu_by_bus_id(const parsers::query_table& t, std::string_view bus_id) {
  const auto wanted = parsers::normalise_bus_id(bus_id);
  if (!wanted) return std::nullopt;
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    if (parsers::normalise_bus_id(t.value_text(row, gpu_field::pci_bus_id)) != wanted) continue;
    const auto index = t.value_text(row, gpu_field::index);
    if (!index.empty())
      return gpu_identity{std::string(index), std::string(t.value_text(row, gpu_field::uuid))};
  }
  return std::nullopt;
}

std::optional<gpu_identity> gpu_for_xid(const collect::snapshot& s,
                                        const collect::xid_report& report,
                                        std::string_view bus_id) {
  if (auto gpu = gpu_by_bus_id(s.gpus, bus_id)) return gpu;
  const auto found = report.known_gpus.find(std::string(bus_id));
  if (found == report.known_gpus.end()) return std::nullopt;
  return gpu_identity{found->second.index, found->second.uuid};
}

}  // namespace smistat::render
