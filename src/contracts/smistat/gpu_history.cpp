#include "src/contracts/smistat/gpu_history.hpp"

#include <algorithm>
#include <map>
#include <type_traits>

#include "src/contracts/kit/json_writer.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using history::history_gpu;
using history::history_sample;
using history::history_sample_ptr;
using parsers::gpu_field;

namespace {

/** A GPU's identity across samples: its uuid, or its index when nvidia-smi gave no uuid. */
std::string gpu_key(const history_gpu& g) {
  return g.label->uuid ? *g.label->uuid : "index " + std::to_string(g.index);
}

/** The label of the GPU in `row`: the one `previous` has at that place when it reads the same,
 *  else a new one. */
std::shared_ptr<const history::history_gpu_label> label_of(
    const parsers::query_table& t, std::size_t row, const history::history_sample* previous) {
  const parsers::cell* uuid = t.find(row, gpu_field::uuid);
  const auto uuid_text = uuid && uuid->has_value() ? std::optional(uuid->raw) : std::nullopt;
  const auto name_text = t.value_text(row, gpu_field::name);
  if (previous && row < previous->gpus.size()) {
    const auto& before = previous->gpus[row].label;
    if (before->uuid == uuid_text && before->name == name_text) return before;
  }
  return std::make_shared<const history::history_gpu_label>(history::history_gpu_label{
      uuid_text ? std::optional<std::string>(*uuid_text) : std::nullopt, std::string(name_text)});
}

/** One GPU of the body: its latest identity, and where it sits in each listed sample. */
struct gpu_series {
  const history_gpu* latest = nullptr;
  std::vector<const history_gpu*> points;  ///< one per listed sample; null where absent
};

template <class T, class Field>
void write_series(json_writer& w, std::string_view name, const gpu_series& s, Field field) {
  w.key(name).begin_array();
  for (const history_gpu* p : s.points) {
    const std::optional<T>& v = p ? p->*field : std::optional<T>{};
    if constexpr (std::is_same_v<T, double>)
      w.number_or_null(v);
    else
      w.integer_or_null(v);
  }
  w.end_array();
}

std::vector<gpu_series> series_of(std::span<const history_sample_ptr> samples) {
  std::map<std::string, gpu_series> by_key;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    for (const history_gpu& g : samples[i]->gpus) {
      gpu_series& s = by_key[gpu_key(g)];
      s.points.resize(samples.size(), nullptr);
      s.points[i] = &g;
      s.latest = &g;
    }
  }
  std::vector<gpu_series> out;
  for (auto& [key, s] : by_key) out.push_back(std::move(s));
  std::stable_sort(out.begin(), out.end(), [](const gpu_series& a, const gpu_series& b) {
    return a.latest->index < b.latest->index;
  });
  return out;
}

void write_gpu(json_writer& w, const gpu_series& s) {
  w.begin_object();
  w.key("index").integer(s.latest->index);
  w.key("uuid").string_or_null(s.latest->label->uuid);
  w.key("name").string(s.latest->label->name);
  w.key("memory_total_mb").integer_or_null(s.latest->memory_total_mb);
  write_series<std::int64_t>(w, "utilization_percent", s, &history_gpu::utilization_percent);
  write_series<std::int64_t>(w, "memory_used_mb", s, &history_gpu::memory_used_mb);
  write_series<std::int64_t>(w, "temperature_c", s, &history_gpu::temperature_c);
  write_series<double>(w, "power_w", s, &history_gpu::power_w);
  w.end_object();
}

}  // namespace

double unix_seconds(collect::wall_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

history_sample history_sample_of(const collect::snapshot& s, const history_sample* previous) {
  history_sample out;
  out.sampled_at = s.sampled_at.value_or(collect::wall_clock::time_point{});
  const auto& t = s.gpus;
  out.gpus.reserve(t.rows.size());
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    history_gpu g;
    g.index = integer_cell(t, row, gpu_field::index).value_or(static_cast<std::int64_t>(row));
    g.label = label_of(t, row, previous);
    g.memory_total_mb = integer_cell(t, row, gpu_field::memory_total);
    g.utilization_percent = integer_cell(t, row, gpu_field::utilization_gpu);
    g.memory_used_mb = integer_cell(t, row, gpu_field::memory_used);
    g.temperature_c = integer_cell(t, row, gpu_field::temperature_gpu);
    g.power_w = number_cell(t, row, gpu_field::power_draw);
    out.gpus.push_back(std::move(g));
  }
  return out;
}

std::string render_gpu_history(std::span<const history_sample_ptr> samples,
                               const gpu_history_settings& settings, std::optional<double> since) {
  if (since) {
    const auto newer = std::find_if(
        samples.begin(), samples.end(),
        [&](const history_sample_ptr& h) { return unix_seconds(h->sampled_at) > *since; });
    samples = samples.subspan(static_cast<std::size_t>(newer - samples.begin()));
  }
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.key("max_history").integer(settings.max_history);
  w.key("interval_seconds").number(settings.interval_seconds);
  w.key("timestamps").begin_array();
  for (const auto& h : samples) w.number(unix_seconds(h->sampled_at));
  w.end_array();
  w.key("gpus").begin_array();
  for (const auto& s : series_of(samples)) write_gpu(w, s);
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace smistat::render
