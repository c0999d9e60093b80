#pragma once
// Typed reads of one GPU table cell by field handle (parsers/field_catalogue.hpp). A missing
// column, a placeholder and text of the wrong shape all read as "unknown"; each contract then
// applies its own N/A rule.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/field_catalogue.hpp"
#include "parsers/query_csv.hpp"

namespace smistat::render {

/** An integral cell (`45`, `81559 MiB`); `45.0` is not integral, as with Python's int(). */
std::optional<std::int64_t> integer_cell(const parsers::query_table& t, std::size_t row,
                                         parsers::gpu_field field) noexcept;

/** A finite number cell (`120.50`, `688.41 W`). */
std::optional<double> number_cell(const parsers::query_table& t, std::size_t row,
                                  parsers::gpu_field field) noexcept;

/** The raw text of a cell that holds a value (not a placeholder, not empty). */
std::optional<std::string> text_cell(const parsers::query_table& t, std::size_t row,
                                     parsers::gpu_field field);

/** A GPU's framebuffer in MiB. */
struct memory_mib {
  std::int64_t total = 0, used = 0, free = 0;
};

/** `memory.total`, `.used` and `.free`, or nullopt unless all three are known (the collector has
 *  already derived what can be derived). The NVML originals read the three in one call, so they
 *  had all or none; a contract that must print numbers prints its failure form for none, never a
 *  known total beside an unknown `used` shown as 0. */
std::optional<memory_mib> memory_cells(const parsers::query_table& t, std::size_t row) noexcept;

}  // namespace smistat::render
