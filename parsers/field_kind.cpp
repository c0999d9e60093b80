#include "parsers/field_kind.hpp"

#include <array>

#include "parsers/field_catalogue.hpp"

namespace smistat::parsers {
namespace {

// Families nvidia-smi keeps adding members to, each read alike: every ECC error counter, PCIe
// generation and width, and the remapped-row histogram are counts; the per-reason clock-event
// columns are Active/Not Active. A member the catalogue lists is read by its row instead.
struct family_kind {
  std::string_view prefix;
  value_kind kind;
};
constexpr std::array<family_kind, 6> family_kinds{{
    {"ecc.errors.", value_kind::integer},
    {"pcie.link.gen.", value_kind::integer},
    {"pcie.link.width.", value_kind::integer},
    {"remapped_rows.histogram.", value_kind::integer},
    {"clocks_event_reasons.", value_kind::flag},
    {"clocks_throttle_reasons.", value_kind::flag},
}};

}  // namespace

value_kind kind_of_field(std::string_view field, std::string_view unit) noexcept {
  if (!unit.empty()) return value_kind::number;
  if (const auto* row = find_field(field)) return row->kind;
  for (const auto& family : family_kinds)
    if (field.starts_with(family.prefix)) return family.kind;
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
