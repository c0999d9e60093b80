#include "src/history/gpu_trend_history.hpp"

#include <algorithm>
#include <chrono>

namespace smistat::history {

gpu_trends gpu_trend_history::update(const collect::snapshot& s) {
  std::lock_guard lock(mutex_);
  advance_locked(s);
  return current_;
}

void gpu_trend_history::advance(const collect::snapshot& s) {
  std::lock_guard lock(mutex_);
  advance_locked(s);
}

void gpu_trend_history::advance_locked(const collect::snapshot& s) {
  if (!s.has_data() || (generation_ && s.generation <= *generation_)) return;
  generation_ = s.generation;
  // A generation that only carries new health (a failed run) repeats the last sample; it must
  // not read as "no change over N seconds".
  if (sampled_at_ == s.sampled_at) return;
  sampled_at_ = s.sampled_at;
  const auto samples = read_(s);
  // Refilled in its own block (clear keeps it): the sample's GPUs, a GPU that left gone. Rows
  // come in index order, so each one lands at the end.
  current_.clear();
  for (const auto& [id, sample] : samples)
    current_.emplace_hint(current_.end(), id, fold(id, sample, *s.sampled_at));
}

const gpu_trend& gpu_trend_history::fold(std::int64_t id, const gpu_trend_sample& sample,
                                         collect::wall_clock::time_point at) {
  const auto [it, first] = gpus_.try_emplace(id);
  per_gpu& g = it->second;
  gpu_trend& t = g.trend;
  if (first) {
    t.peak_gpu_utilization_percent = sample.gpu_utilization_percent;
    t.peak_power_watts = sample.power_watts;
    t.peak_temperature_celsius = sample.temperature_celsius;
  } else {
    const double seconds = std::chrono::duration<double>(at - g.at).count();
    t.temperature_delta_per_sec =
        seconds > 0 ? (sample.temperature_celsius - g.last.temperature_celsius) / seconds : 0.0;
    t.power_delta_per_sec = seconds > 0 ? (sample.power_watts - g.last.power_watts) / seconds : 0.0;
    t.peak_gpu_utilization_percent =
        std::max(t.peak_gpu_utilization_percent, sample.gpu_utilization_percent);
    t.peak_power_watts = std::max(t.peak_power_watts, sample.power_watts);
    t.peak_temperature_celsius = std::max(t.peak_temperature_celsius, sample.temperature_celsius);
  }
  g.last = sample;
  g.at = at;
  return t;
}

}  // namespace smistat::history
