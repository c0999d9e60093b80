#pragma once
// What the GPU Metrics API's trends (`rate_of_change`, `peak_values`) are made of: the figures
// a trend follows in one sample, and the trend of one GPU as of one generation. The contract
// reads the samples (its rounding rules); the history folds them in.

#include <boost/container/flat_map.hpp>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::history {

/** Trend figures of one GPU as of one generation. */
struct gpu_trend {
  double temperature_delta_per_sec = 0.0;  ///< since the previous generation; 0.0 at first
  double power_delta_per_sec = 0.0;
  double peak_gpu_utilization_percent = 0.0;  ///< running maxima since start
  double peak_power_watts = 0.0;
  double peak_temperature_celsius = 0.0;
  friend bool operator==(const gpu_trend&, const gpu_trend&) = default;
};

/** Trends by GPU id (the nvidia-smi index). A GPU missing here renders all zeros. Flat: a few
 *  GPUs in one block, which each sample updates and each request copies, instead of a node per
 *  GPU scattered over the heap (a sample a second finds them out of cache). */
using gpu_trends = boost::container::flat_map<std::int64_t, gpu_trend>;

/** The instantaneous values a trend is built from, per GPU. */
struct gpu_trend_sample {
  double gpu_utilization_percent = 0.0;
  double power_watts = 0.0;  ///< as rendered (1 dp)
  double temperature_celsius = 0.0;
};

/** The samples of every GPU row of a snapshot, by id, each id once. A few GPUs: a flat list,
 *  which a sample fills without a node per GPU. */
using gpu_trend_samples = std::vector<std::pair<std::int64_t, gpu_trend_sample>>;

/** Reads a snapshot's trend samples, as the contract that renders the trends reads them. */
using trend_reader = std::function<gpu_trend_samples(const collect::snapshot&)>;

}  // namespace smistat::history
