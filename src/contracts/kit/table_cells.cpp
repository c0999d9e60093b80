#include "src/contracts/kit/table_cells.hpp"

#include <cmath>

namespace smistat::render {

std::optional<std::int64_t> integer_cell(const parsers::query_table& t, std::size_t row,
                                         std::string_view key) noexcept {
  const parsers::cell* c = t.find(row, key);
  return c ? parsers::to_integer(*c) : std::nullopt;
}

std::optional<double> number_cell(const parsers::query_table& t, std::size_t row,
                                  std::string_view key) noexcept {
  const parsers::cell* c = t.find(row, key);
  if (!c) return std::nullopt;
  const auto v = parsers::to_number(*c);
  // A NaN would make the original answer 500 (allow_nan=False); we call it unknown instead.
  if (!v || !std::isfinite(*v)) return std::nullopt;
  return v;
}

std::optional<std::string> text_cell(const parsers::query_table& t, std::size_t row,
                                     std::string_view key) {
  const parsers::cell* c = t.find(row, key);
  if (!c || !c->has_value()) return std::nullopt;
  return c->raw;
}

std::optional<memory_mib> memory_cells(const parsers::query_table& t, std::size_t row) noexcept {
  const auto total = integer_cell(t, row, "memory.total");
  const auto used = integer_cell(t, row, "memory.used");
  const auto free = integer_cell(t, row, "memory.free");
  if (!total || !used || !free) return std::nullopt;
  return memory_mib{*total, *used, *free};
}

}  // namespace smistat::render
