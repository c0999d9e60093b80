#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"

#include "src/contracts/gpu_statistics/gpu_statistics_view.hpp"
#include "src/contracts/gpu_statistics/visible_devices.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {

namespace {

void write_error_dict(json_writer& w, const std::string& error) {
  w.begin_object().key("error").string(error).key("gpu_count").integer(0);
  w.key("gpus").begin_array().end_array().end_object();
}

// 000 writes the int 0 where the percentage cannot be computed; clients accept int or float.
void write_percent_or_int_zero(json_writer& w, const std::optional<double>& percent) {
  if (percent)
    w.number(*percent);
  else
    w.integer(0);
}

void write_stats_gpu(json_writer& w, const stats_gpu& g) {
  w.begin_object().key("gpu_id").integer(g.gpu_id).key("name").string(g.name);
  w.key("memory").begin_object();
  w.key("total_mb").integer(g.total_mb.value_or(0));
  w.key("used_mb").integer(g.used_mb.value_or(0));
  w.key("free_mb").integer(g.free_mb.value_or(0));
  w.key("usage_percent");
  write_percent_or_int_zero(w, usage_percent(g));
  w.end_object();
  w.key("utilization_percent").integer(g.utilization.value_or(0));
  w.key("temperature_c").integer_or_null(g.temperature_c);
  w.key("power").begin_object();
  w.key("draw_w").number_or_null(g.draw_w).key("limit_w").number_or_null(g.limit_w);
  w.end_object().end_object();
}

// Averages only over GPUs whose utilization is known (a smistat deviation: 000 counted an
// unknown value as 0). Python's sum/len is a float whenever there is a GPU.
void write_average_utilization(json_writer& w, const std::vector<stats_gpu>& gpus) {
  if (gpus.empty()) {
    w.integer(0);
    return;
  }
  std::int64_t sum = 0, known = 0;
  for (const auto& g : gpus)
    if (g.utilization) {
      sum += *g.utilization;
      ++known;
    }
  w.number(known ? python_round(static_cast<double>(sum) / static_cast<double>(known), 2) : 0.0);
}

// Over GPUs whose total and used are both known, so an unknown `used` does not read as idle.
std::optional<double> total_usage_percent(const std::vector<stats_gpu>& gpus) {
  std::int64_t total = 0, used = 0;
  for (const auto& g : gpus)
    if (g.total_mb && g.used_mb) {
      total += *g.total_mb;
      used += *g.used_mb;
    }
  if (total <= 0) return std::nullopt;
  return python_round(static_cast<double>(used) / static_cast<double>(total) * 100.0, 2);
}

void write_summary_item(json_writer& w, const stats_gpu& g) {
  w.begin_object().key("gpu_id").integer(g.gpu_id).key("name").string(g.name);
  w.key("memory_usage_percent");
  write_percent_or_int_zero(w, usage_percent(g));
  w.key("utilization_percent").integer(g.utilization.value_or(0)).end_object();
}

}  // namespace

std::string render_gpu_stats(const collect::snapshot& s, const gpu_statistics_settings& settings,
                             collect::wall_clock::time_point) {
  const stats_view view = make_stats_view(s, settings.visible_gpu_ids);
  std::string out;
  json_writer w(out);
  if (view.error) {
    write_error_dict(w, *view.error);
    return out;
  }
  w.begin_object().key("gpu_count").integer(static_cast<std::int64_t>(view.gpus.size()));
  w.key("gpus").begin_array();
  for (const auto& g : view.gpus) write_stats_gpu(w, g);
  w.end_array().key("timestamp").string(view.timestamp).end_object();
  return out;
}

std::string render_gpu_count(const collect::snapshot& s, const gpu_statistics_settings& settings,
                             collect::wall_clock::time_point) {
  const stats_view view = make_stats_view(s, settings.visible_gpu_ids);
  std::string out;
  json_writer w(out);
  w.begin_object().key("gpu_count").integer(static_cast<std::int64_t>(view.gpus.size()));
  w.key("timestamp");
  if (view.error)
    w.null();
  else
    w.string(view.timestamp);
  w.end_object();
  return out;
}

std::string render_gpu_summary(const collect::snapshot& s, const gpu_statistics_settings& settings,
                               collect::wall_clock::time_point) {
  const stats_view view = make_stats_view(s, settings.visible_gpu_ids);
  std::string out;
  json_writer w(out);
  if (view.error) {
    write_error_dict(w, *view.error);
    return out;
  }
  std::int64_t total = 0, used = 0;
  for (const auto& g : view.gpus) {
    total += g.total_mb.value_or(0);
    used += g.used_mb.value_or(0);
  }
  w.begin_object().key("gpu_count").integer(static_cast<std::int64_t>(view.gpus.size()));
  w.key("total_memory_mb").integer(total).key("total_used_memory_mb").integer(used);
  w.key("average_utilization_percent");
  write_average_utilization(w, view.gpus);
  w.key("gpus_summary").begin_array();
  for (const auto& g : view.gpus) write_summary_item(w, g);
  w.end_array();
  // Always present, also with 0 GPUs: the official client requires the key.
  w.key("total_memory_usage_percent");
  write_percent_or_int_zero(w, total_usage_percent(view.gpus));
  w.key("timestamp").string(view.timestamp).end_object();
  return out;
}

}  // namespace smistat::render
