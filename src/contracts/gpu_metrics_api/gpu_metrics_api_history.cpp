#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "src/common/python_float.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_gpu.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

/** python_round(x, 1), as figures_of rounds the power, without printf: every publish folds
 *  every GPU, and printf's format parsing and locale were most of this listener's cost.
 *  to_chars with a precision rounds the exact binary value as printf does, and from_chars
 *  reads back the nearest double, so the result is the same. */
double round_to_tenth(double x) {
  if (!std::isfinite(x)) return x;
  std::array<char, 400> buf{};  // the largest double has 309 integer digits
  const auto printed =
      std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed, 1);
  if (printed.ec != std::errc()) return common::python_round(x, 1);
  double out = 0.0;
  std::from_chars(buf.data(), printed.ptr, out);
  return out;
}

/** A cell as contract 001 reads it: int(round(x)) of NVML's number, 0 for a placeholder. */
double rounded_or_zero(const parsers::query_table& t, std::size_t row, gpu_field field) {
  const auto v = number_cell(t, row, field);
  return v ? static_cast<double>(round_to_int(*v)) : 0.0;
}

}  // namespace

history::gpu_trend_samples trend_samples(const collect::snapshot& s) {
  // Only the three figures a trend follows are read (read_gpu would read every field).
  history::gpu_trend_samples out;
  const parsers::query_table& t = s.gpus;
  out.reserve(t.rows.size());
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    const auto id = integer_cell(t, row, gpu_field::index).value_or(static_cast<std::int64_t>(row));
    // An id seen before (a row without an index numbered like another's) keeps the first row.
    if (std::any_of(out.begin(), out.end(), [id](const auto& e) { return e.first == id; }))
      continue;
    out.emplace_back(id,
                     history::gpu_trend_sample{
                         rounded_or_zero(t, row, gpu_field::utilization_gpu),
                         round_to_tenth(number_cell(t, row, gpu_field::power_draw).value_or(0.0)),
                         rounded_or_zero(t, row, gpu_field::temperature_gpu)});
  }
  return out;
}

}  // namespace smistat::render
