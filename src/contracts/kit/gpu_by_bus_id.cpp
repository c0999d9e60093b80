#include "src/contracts/kit/gpu_by_bus_id.hpp"

#include "parsers/xid_line.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

std::string text_of(const parsers::query_table& t, std::size_t row, gpu_field field) {
  const auto* c = t.find(row, field);
  return c && c->has_value() ? std::string(c->raw) : std::string();
}

}  // namespace

std::optional<gpu_identity> gpu_by_bus_id(const parsers::query_table& t, std::string_view bus_id) {
  const auto wanted = parsers::normalise_bus_id(bus_id);
  if (!wanted) return std::nullopt;
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    if (parsers::normalise_bus_id(text_of(t, row, gpu_field::pci_bus_id)) != wanted) continue;
    auto index = text_of(t, row, gpu_field::index);
    if (!index.empty()) return gpu_identity{std::move(index), text_of(t, row, gpu_field::uuid)};
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
