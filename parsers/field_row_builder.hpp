#pragma once
// How a row of the field catalogue is written: `always(...)`, `if_offered(...)` or `known(...)`
// says when the default query asks for the field, then `.alias`, `.nvidia_smi` and `.dcgm` add
// its older name and the families that publish it. Only the row files include this.

#include <cstdint>
#include <string_view>

#include "parsers/field_catalogue.hpp"

namespace smistat::parsers::catalogue_rows {

// A row under construction: each step returns a copy, so a whole row is one constant expression.
struct row : field_row {
  constexpr row alias(std::string_view older) const {
    auto r = *this;
    r.names[1] = older;
    return r;
  }
  constexpr row nvidia_smi(std::string_view metric) const {
    auto r = *this;
    r.nvidia_smi_metric = metric;
    return r;
  }
  constexpr row dcgm(std::uint8_t position, std::string_view name, family_type type,
                     std::string_view help) const {
    auto r = *this;
    auto& families = r.field_row::dcgm;
    families[families[0].name.empty() ? 0 : 1] = {name, type, help, position};
    return r;
  }
};

constexpr row always(gpu_field f, std::string_view name, value_kind kind,
                     std::string_view unit = {}) {
  return {{f, {name, {}}, kind, unit, asked::by_default, {}, {}}};
}
// Fields many drivers lack (the ECC locations vary by generation, the recovery action and the
// fabric came with R550): asking for them before the driver's list is known would make the
// first query fail on every older driver, so they wait for discovery.
constexpr row if_offered(gpu_field f, std::string_view name, value_kind kind) {
  return {{f, {name, {}}, kind, {}, asked::when_offered, {}, {}}};
}
constexpr row known(gpu_field f, std::string_view name, value_kind kind) {
  return {{f, {name, {}}, kind, {}, asked::never, {}, {}}};
}

using enum family_type;

}  // namespace smistat::parsers::catalogue_rows
