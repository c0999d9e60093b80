#pragma once
// What kind of value a `--query-gpu` field holds, from its name and header unit, so the
// right typed reader of cell.hpp is applied. A field's kind is its row in field_catalogue.cpp;
// unknown fields are text: never guessed from the value's shape.

#include <cstdint>
#include <string_view>

namespace smistat::parsers {

/** The typed reader that fits a field's cells. */
enum class value_kind : std::uint8_t {
  text,       ///< names, ids, versions (`9.0` compute capability is text too)
  number,     ///< any field printed with a unit: `to_number`
  integer,    ///< counts, indices, plain temperatures: `to_integer`
  hex,        ///< bitmasks and PCI ids: `to_hex`
  flag,       ///< Enabled/Disabled, Yes/No, Active/Not Active: `to_flag`
  pstate,     ///< `P0`..`P15`: `to_pstate`
  timestamp,  ///< `2026/07/14 08:12:53.353`: `to_timestamp`
};

/** The kind of `field` (a canonical name) whose header cell carried `unit` (may be empty). */
value_kind kind_of_field(std::string_view field, std::string_view unit) noexcept;

/** Stable snake_case name ("number", "hex", ...). */
std::string_view to_string(value_kind k) noexcept;

}  // namespace smistat::parsers
