#pragma once
// Typed reads of one GPU table cell by smistat key. A missing column, a placeholder and text
// of the wrong shape all read as "unknown"; each contract then applies its own N/A rule.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/query_csv.hpp"

namespace smistat::render {

/** An integral cell (`45`, `81559 MiB`); `45.0` is not integral, as with Python's int(). */
std::optional<std::int64_t> integer_cell(const parsers::query_table& t, std::size_t row,
                                         std::string_view key) noexcept;

/** A finite number cell (`120.50`, `688.41 W`). */
std::optional<double> number_cell(const parsers::query_table& t, std::size_t row,
                                  std::string_view key) noexcept;

/** The raw text of a cell that holds a value (not a placeholder, not empty). */
std::optional<std::string> text_cell(const parsers::query_table& t, std::size_t row,
                                     std::string_view key);

}  // namespace smistat::render
