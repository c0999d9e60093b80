#include "src/contracts/gpu_statistics/gpu_statistics_view.hpp"

#include "src/common/iso_time.hpp"
#include "src/contracts/gpu_statistics/visible_devices.hpp"
#include "src/contracts/kit/json_writer.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

// The exact command text of the original's CalledProcessError; clients may match on it.
constexpr std::string_view original_command =
    "Command '['nvidia-smi', "
    "'--query-gpu=index,name,memory.total,memory.used,memory.free,utilization.gpu,"
    "temperature.gpu,power.draw,power.limit', '--format=csv,noheader,nounits']'";

stats_gpu read_stats_gpu(const parsers::query_table& t, std::size_t row) {
  stats_gpu g;
  g.gpu_id = integer_cell(t, row, gpu_field::index).value_or(0);
  g.name = text_cell(t, row, gpu_field::name).value_or("Unknown GPU");
  g.total_mb = integer_cell(t, row, gpu_field::memory_total);
  g.used_mb = integer_cell(t, row, gpu_field::memory_used);
  g.free_mb = integer_cell(t, row, gpu_field::memory_free);
  g.utilization = integer_cell(t, row, gpu_field::utilization_gpu);
  g.temperature_c = integer_cell(t, row, gpu_field::temperature_gpu);
  g.draw_w = number_cell(t, row, gpu_field::power_draw);
  g.limit_w = number_cell(t, row, gpu_field::power_limit);
  return g;
}

}  // namespace

std::vector<stats_gpu> read_stats_gpus(const parsers::query_table& table) {
  std::vector<stats_gpu> gpus;
  gpus.reserve(table.rows.size());
  for (std::size_t row = 0; row < table.rows.size(); ++row)
    gpus.push_back(read_stats_gpu(table, row));
  return gpus;
}

std::vector<std::string_view> unknown_memory_figures(const stats_gpu& gpu) {
  std::vector<std::string_view> unknown;
  if (!gpu.total_mb) unknown.push_back(parsers::field_name(gpu_field::memory_total));
  if (!gpu.used_mb) unknown.push_back(parsers::field_name(gpu_field::memory_used));
  if (!gpu.free_mb) unknown.push_back(parsers::field_name(gpu_field::memory_free));
  return unknown;
}

std::vector<stats_gpu> read_served_gpus(const parsers::query_table& table) {
  std::vector<stats_gpu> gpus = read_stats_gpus(table);
  std::erase_if(gpus, [](const stats_gpu& g) { return !unknown_memory_figures(g).empty(); });
  return gpus;
}

std::string stats_error_text(const collect::snapshot& s) {
  // The original decides "not available" from `--version` alone, and so does /health: a binary
  // that is present but cannot say its version (driver not loaded) is not available either.
  if (!s.facts.nvidia_smi_found || !s.facts.nvidia_smi_available) return "nvidia-smi not available";
  const auto& error = s.health.last_error;
  if (error && error->exit_code != 0)
    return "Failed to get GPU stats: " + std::string(original_command) +
           " returned non-zero exit status " + std::to_string(error->exit_code) + ".";
  return "Unexpected error: " + (error ? error->message : std::string("no GPU data collected yet"));
}

stats_view make_stats_view(const collect::snapshot& s,
                           const std::optional<std::vector<std::int64_t>>& visible) {
  stats_view view;
  if (!s.has_data()) {
    view.error = stats_error_text(s);
    return view;
  }
  view.timestamp = common::local_isoformat(*s.sampled_at);
  std::vector<stats_gpu> all = read_served_gpus(s.gpus);
  view.total_system_gpus = all.size();
  if (!visible) {
    view.gpus = std::move(all);
    return view;
  }
  std::vector<std::int64_t> ids;
  ids.reserve(all.size());
  for (const auto& g : all) ids.push_back(g.gpu_id);
  visible_selection sel = select_visible(ids, *visible);
  for (const std::size_t i : sel.kept) view.gpus.push_back(std::move(all[i]));
  return view;
}

std::optional<double> usage_percent(const stats_gpu& gpu) {
  const std::int64_t total = gpu.total_mb.value_or(0);
  const std::int64_t used = gpu.used_mb.value_or(0);
  if (total <= 0 || used < 0) return std::nullopt;
  return python_round(static_cast<double>(used) / static_cast<double>(total) * 100.0, 2);
}

std::vector<filter_note> visible_filter_notes(
    const collect::snapshot& s, const std::optional<std::vector<std::int64_t>>& visible) {
  if (!visible || !s.has_data()) return {};
  std::vector<std::int64_t> ids;
  for (const auto& g : read_served_gpus(s.gpus)) ids.push_back(g.gpu_id);
  return select_visible(ids, *visible).notes;
}

}  // namespace smistat::render
