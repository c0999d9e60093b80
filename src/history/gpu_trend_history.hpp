#pragma once
// Contract 001 reports `rate_of_change` and `peak_values` per GPU, which the original kept in
// process memory between calls. Here they advance once per snapshot generation, so every
// request that sees one generation gets the same figures and the renderer stays pure.

#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

#include "src/collect/snapshot.hpp"
#include "src/history/gpu_trend.hpp"

namespace smistat::history {

/** Running state behind the trends. Thread-safe: routes may call `update` concurrently. */
class gpu_trend_history {
 public:
  /** `read` turns a snapshot into the samples folded in; it runs only for a new sample. */
  explicit gpu_trend_history(trend_reader read) : read_(std::move(read)) {}

  /** Folds in `s` if it is a newer generation with data, then returns the trends of the
   *  newest generation seen. An older or repeated generation changes nothing. */
  gpu_trends update(const collect::snapshot& s);
  /** Folds in `s` as update() does, without copying the trends out: what each publish does. */
  void advance(const collect::snapshot& s);

 private:
  struct per_gpu {
    gpu_trend_sample last;
    collect::wall_clock::time_point at;
    gpu_trend trend;
  };
  void advance_locked(const collect::snapshot& s);
  /** Folds one GPU's sample into its running state; returns its trend now. */
  const gpu_trend& fold(std::int64_t id, const gpu_trend_sample& now_sample,
                        collect::wall_clock::time_point at);

  const trend_reader read_;
  std::mutex mutex_;  // guards everything below
  std::optional<std::uint64_t> generation_;
  std::optional<collect::wall_clock::time_point> sampled_at_;
  /// Every GPU seen since start, by id: peaks outlast a GPU that leaves and comes back.
  boost::container::flat_map<std::int64_t, per_gpu> gpus_;
  gpu_trends current_;
};

}  // namespace smistat::history
