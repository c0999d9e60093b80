#pragma once
// Everything smistat remembers across samples, fed from one place: each published snapshot is
// recorded once, on the collector's thread, whether or not anyone asks, and the routes read
// what was kept. The contracts say how a sample is read (their readers); this keeps the state.

#include <cstddef>
#include <memory>

#include "src/collect/snapshot.hpp"
#include "src/history/gpu_history_ring.hpp"
#include "src/history/gpu_trend_history.hpp"

namespace smistat::history {

class snapshot_history {
 public:
  /** Keeps trends as `read_trends` reads them and the last `max_samples` samples as
   *  `read_sample` records them. */
  snapshot_history(std::size_t max_samples, trend_reader read_trends, sample_reader read_sample);

  /** Folds one published snapshot into every history; one without data changes nothing. */
  void record(const collect::snapshot& s);

  /** The GPU Metrics API's trends; routes may also fold in a generation they see first. */
  std::shared_ptr<gpu_trend_history> trends() const noexcept { return trends_; }

  /** The samples /gpu/history serves. */
  std::shared_ptr<const gpu_history_ring> samples() const noexcept { return samples_; }

 private:
  const std::shared_ptr<gpu_trend_history> trends_;
  const std::shared_ptr<gpu_history_ring> samples_;
};

}  // namespace smistat::history
