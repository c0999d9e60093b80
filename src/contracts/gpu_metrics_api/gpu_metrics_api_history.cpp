#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"

#include <algorithm>

#include "src/common/python_float.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_gpu.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

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
    out.emplace_back(
        id, history::gpu_trend_sample{
                rounded_or_zero(t, row, gpu_field::utilization_gpu),
                common::python_round(number_cell(t, row, gpu_field::power_draw).value_or(0.0), 1),
                rounded_or_zero(t, row, gpu_field::temperature_gpu)});
  }
  return out;
}

}  // namespace smistat::render
