#include "src/collect/memory_derivation.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smistat::collect {
namespace {

using parsers::gpu_field;

// Read by handle: every sample derives, and a handle finds its column in one step.
constexpr std::array<gpu_field, 3> keys{gpu_field::memory_total, gpu_field::memory_used,
                                        gpu_field::memory_free};

std::optional<std::int64_t> read(const parsers::query_table& table, std::size_t row,
                                 gpu_field field) {
  const parsers::cell* c = table.find(row, field);
  return c ? parsers::to_integer(*c) : std::nullopt;
}

/** What one row lets us work out, indexed like `keys`; nullopt where nothing new is known. */
std::array<std::optional<std::int64_t>, 3> derivable(const parsers::query_table& table,
                                                     std::size_t row) {
  const auto total = read(table, row, gpu_field::memory_total);
  const auto used = read(table, row, gpu_field::memory_used);
  const auto free = read(table, row, gpu_field::memory_free);
  const std::int64_t reserved = read(table, row, gpu_field::memory_reserved).value_or(0);
  std::array<std::optional<std::int64_t>, 3> out;
  if (!total && used && free) out[0] = *used + *free + reserved;
  if (!used && total && free) out[1] = *total - *free - reserved;
  if (!free && total && used) out[2] = *total - *used - reserved;
  for (auto& v : out)
    if (v && *v < 0) v.reset();
  return out;
}

// The column of `key`, added (every row an empty cell) when the query did not ask for it: a
// driver that rejects `memory.used` has it dropped from the field set.
std::size_t column_of(parsers::query_table& table, gpu_field field) {
  if (const int col = table.columns->column(field); col >= 0) return static_cast<std::size_t>(col);
  table.columns = table.columns->with(parsers::field_name(field));
  for (auto& row : table.rows) row.push_back(parsers::make_cell(""));
  return table.columns->size() - 1;
}

}  // namespace

void derive_memory_figures(parsers::query_table& table) {
  std::vector<std::array<std::optional<std::int64_t>, 3>> found;
  found.reserve(table.rows.size());
  for (std::size_t row = 0; row < table.rows.size(); ++row) found.push_back(derivable(table, row));
  // A column is touched (or added) only where some row has a figure for it: a sample that knows
  // everything, or knows nothing to derive from, is left exactly as nvidia-smi printed it.
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (std::none_of(found.begin(), found.end(), [k](const auto& f) { return f[k].has_value(); }))
      continue;
    const std::size_t col = column_of(table, keys[k]);
    for (std::size_t row = 0; row < found.size(); ++row)
      if (found[row][k])
        table.rows[row][col] = parsers::make_cell(table.keep(std::to_string(*found[row][k])));
  }
}

}  // namespace smistat::collect
