#pragma once
// Contract 001 reports `rate_of_change` and `peak_values` per GPU, which the original kept in
// process memory between calls. Here they advance once per snapshot generation, so every
// request that sees one generation gets the same figures and the renderer stays pure.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** Trend figures of one GPU as of one generation. */
struct gpu_trend {
  double temperature_delta_per_sec = 0.0;  ///< since the previous generation; 0.0 at first
  double power_delta_per_sec = 0.0;
  double peak_gpu_utilization_percent = 0.0;  ///< running maxima since start
  double peak_power_watts = 0.0;
  double peak_temperature_celsius = 0.0;
  friend bool operator==(const gpu_trend&, const gpu_trend&) = default;
};

/** Trends by GPU id (the nvidia-smi index). A GPU missing here renders all zeros. */
using gpu_trends = std::map<std::int64_t, gpu_trend>;

/** The instantaneous values a trend is built from, per GPU. */
struct gpu_trend_sample {
  double gpu_utilization_percent = 0.0;
  double power_watts = 0.0;  ///< as rendered (1 dp)
  double temperature_celsius = 0.0;
};

/** Running state behind the trends. Thread-safe: routes may call `update` concurrently. */
class gpu_metrics_history {
 public:
  /** Folds in `s` if it is a newer generation with data, then returns the trends of the
   *  newest generation seen. An older or repeated generation changes nothing. */
  gpu_trends update(const collect::snapshot& s);

 private:
  struct per_gpu {
    gpu_trend_sample last;
    collect::wall_clock::time_point at;
    gpu_trend trend;
  };
  void fold(std::int64_t id, const gpu_trend_sample& now_sample,
            collect::wall_clock::time_point at);

  std::mutex mutex_;
  std::optional<std::uint64_t> generation_;
  std::optional<collect::wall_clock::time_point> sampled_at_;
  std::map<std::int64_t, per_gpu> gpus_;
  gpu_trends current_;
};

/** The samples of every GPU row of `s`, by id; what `update` folds in. */
std::map<std::int64_t, gpu_trend_sample> trend_samples(const collect::snapshot& s);

}  // namespace smistat::render
