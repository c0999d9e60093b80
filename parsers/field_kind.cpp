#include "parsers/field_kind.hpp"

#include <array>

namespace smistat::parsers {
namespace {

constexpr std::array<std::string_view, 12> hex_fields{
    "clocks_event_reasons.supported",
    "clocks_event_reasons.active",
    "clocks_throttle_reasons.supported",
    "clocks_throttle_reasons.active",
    "pci.domain",
    "pci.bus",
    "pci.device",
    "pci.device_id",
    "pci.sub_device_id",
    "pci.baseClass",
    "pci.subClass",
    "platform.gpu_fabric_guid",
};

constexpr std::array<std::string_view, 16> flag_fields{
    "persistence_mode",      "accounting.mode",
    "display_mode",          "display_active",
    "display_attached",      "power.management",
    "ecc.mode.current",      "ecc.mode.pending",
    "mig.mode.current",      "mig.mode.pending",
    "gsp.mode.current",      "gsp.mode.default",
    "remapped_rows.pending", "remapped_rows.failure",
    "retired_pages.pending", "ecc.errors.uncorrected.aggregate.sram.thresholdExceeded",
};

constexpr std::array<std::string_view, 14> integer_fields{
    "index",
    "count",
    "temperature.gpu",
    "temperature.memory",
    "temperature.gpu.tlimit",
    "accounting.buffer_size",
    "encoder.stats.sessionCount",
    "encoder.stats.averageFps",
    "encoder.stats.averageLatency",
    "retired_pages.single_bit_ecc.count",
    "retired_pages.double_bit.count",
    "remapped_rows.correctable",
    "remapped_rows.uncorrectable",
    "fabric.cliqueId",
};

// Families of counters named by prefix: every ECC error counter, PCIe generation and
// width, and the remapped-row histogram.
constexpr std::array<std::string_view, 4> integer_prefixes{
    "ecc.errors.", "pcie.link.gen.", "pcie.link.width.", "remapped_rows.histogram."};

template <std::size_t n>
bool contains(const std::array<std::string_view, n>& names, std::string_view field) noexcept {
  for (const auto name : names)
    if (name == field) return true;
  return false;
}

bool is_reason_flag(std::string_view field) noexcept {
  return field.starts_with("clocks_event_reasons.") ||
         field.starts_with("clocks_throttle_reasons.");
}

bool has_integer_prefix(std::string_view field) noexcept {
  for (const auto prefix : integer_prefixes)
    if (field.starts_with(prefix)) return true;
  return false;
}

}  // namespace

value_kind kind_of_field(std::string_view field, std::string_view unit) noexcept {
  if (!unit.empty()) return value_kind::number;
  if (field == "timestamp") return value_kind::timestamp;
  if (field == "pstate") return value_kind::pstate;
  if (contains(hex_fields, field)) return value_kind::hex;
  if (contains(flag_fields, field)) return value_kind::flag;
  // What remains of the reason families are the per-reason Active/Not Active columns.
  if (is_reason_flag(field)) return value_kind::flag;
  if (contains(integer_fields, field) || has_integer_prefix(field)) return value_kind::integer;
  return value_kind::text;
}

std::string_view to_string(value_kind k) noexcept {
  switch (k) {
    case value_kind::text: return "text";
    case value_kind::number: return "number";
    case value_kind::integer: return "integer";
    case value_kind::hex: return "hex";
    case value_kind::flag: return "flag";
    case value_kind::pstate: return "pstate";
    case value_kind::timestamp: return "timestamp";
  }
  return "text";
}

}  // namespace smistat::parsers
