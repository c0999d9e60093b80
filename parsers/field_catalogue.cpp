#include "parsers/field_catalogue.hpp"

#include <algorithm>
#include <array>

#include "parsers/field_rows_ecc.hpp"
#include "parsers/field_rows_gpu.hpp"
#include "parsers/field_rows_other.hpp"

namespace smistat::parsers {
namespace {

// One table, kept in three files for size; their rows follow one another in query order.
constexpr auto rows = [] {
  std::array<field_row, catalogue_rows::gpu_rows.size() + catalogue_rows::ecc_rows.size() +
                            catalogue_rows::other_rows.size()>
      out{};
  auto next =
      std::copy(catalogue_rows::gpu_rows.begin(), catalogue_rows::gpu_rows.end(), out.begin());
  next = std::copy(catalogue_rows::ecc_rows.begin(), catalogue_rows::ecc_rows.end(), next);
  std::copy(catalogue_rows::other_rows.begin(), catalogue_rows::other_rows.end(), next);
  return out;
}();

constexpr bool rows_are_in_handle_order() {
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (static_cast<std::size_t>(rows[i].field) != i) return false;
  return true;
}
static_assert(rows_are_in_handle_order(), "a row's place must be its gpu_field's value");

constexpr std::size_t dcgm_count() {
  std::size_t n = 0;
  for (const auto& r : rows)
    for (const auto& d : r.dcgm) n += d.name.empty() ? 0u : 1u;
  return n;
}

constexpr auto sorted_dcgm() {
  std::array<dcgm_metric, dcgm_count()> out{};
  std::size_t n = 0;
  for (const auto& r : rows)
    for (const auto& d : r.dcgm)
      if (!d.name.empty()) out[n++] = {r.field, d};
  std::sort(out.begin(), out.end(), [](const dcgm_metric& a, const dcgm_metric& b) {
    return a.family.position < b.family.position;
  });
  return out;
}
constexpr auto dcgm_in_order = sorted_dcgm();

constexpr bool dcgm_positions_are_dense() {
  for (std::size_t i = 0; i < dcgm_in_order.size(); ++i)
    if (dcgm_in_order[i].family.position != i) return false;
  return true;
}
static_assert(dcgm_positions_are_dense(), "DCGM positions must be 0, 1, 2, ... without a gap");

}  // namespace

std::span<const field_row> field_catalogue() noexcept { return rows; }

const field_row& field_info(gpu_field f) noexcept { return rows[static_cast<std::size_t>(f)]; }

std::string_view field_name(gpu_field f) noexcept { return field_info(f).name(); }

const field_row* find_field(std::string_view name) noexcept {
  for (const auto& r : rows)
    for (const auto n : r.all_names())
      if (n == name) return &r;
  return nullptr;
}

std::span<const dcgm_metric> dcgm_metrics() noexcept { return dcgm_in_order; }

}  // namespace smistat::parsers
