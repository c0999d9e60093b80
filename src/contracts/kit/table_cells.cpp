#include "src/contracts/kit/table_cells.hpp"

#include <cmath>

namespace smistat::render {

using parsers::gpu_field;

std::optional<std::int64_t> integer_cell(const parsers::query_table& t, std::size_t row,
                                         parsers::gpu_field field) noexcept {
  const parsers::cell* c = t.find(row, field);
  return c ? parsers::to_integer(*c) : std::nullopt;
}

std::optional<double> number_cell(const parsers::query_table& t, std::size_t row,
                                  parsers::gpu_field field) noexcept {
  const parsers::cell* c = t.find(row, field);
  if (!c) return std::nullopt;
  const auto v = parsers::to_number(*c);
  // A NaN would make the original answer 500 (allow_nan=False); we call it unknown instead.
  if (!v || !std::isfinite(*v)) return std::nullopt;
  return v;
}

std::optional<std::string> text_cell(const parsers::query_table& t, std::size_t row,
                                     parsers::gpu_field field) {
  const parsers::cell* c = t.find(row, field);
  if (!c || !c->has_value()) return std::nullopt;
  return std::string(c->raw);
}

std::optional<memory_mib> memory_cells(const parsers::query_table& t, std::size_t row) noexcept {
  const auto total = integer_cell(t, row, gpu_field::memory_total);
  const auto used = integer_cell(t, row, gpu_field::memory_used);
  const auto free = integer_cell(t, row, gpu_field::memory_free);
  if (!total || !used || !free) return std::nullopt;
  return memory_mib{*total, *used, *free};
}

}  // namespace smistat::render
