#pragma once
// The samples /gpu/history serves: the last --max-history GPU samples as compact records, fed
// from the snapshot store's publish notifications (on the collector's thread) and read by
// requests (on HTTP threads). Readers copy pointers under a short lock, never samples.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "src/collect/snapshot.hpp"
#include "src/history/history_sample.hpp"

namespace smistat::history {

/** The ring's contents at one moment. */
struct history_window {
  std::uint64_t version = 0;                ///< changes with every sample recorded
  std::vector<history_sample_ptr> samples;  ///< oldest first
};

class gpu_history_ring {
 public:
  /** Keeps at most `capacity` samples, each as `read` records it; 0 keeps none. */
  gpu_history_ring(std::size_t capacity, sample_reader read)
      : capacity_(capacity), read_(std::move(read)) {}

  /** Records `s` when it carries a new sample. A generation that only brings new health (a
   *  failed run keeps the last sample) adds nothing, so each sample is listed once. */
  void record(const collect::snapshot& s);

  /** The samples now held. */
  history_window window() const;

  std::size_t capacity() const noexcept { return capacity_; }

 private:
  const std::size_t capacity_;
  const sample_reader read_;
  mutable std::mutex mutex_;  // guards everything below
  std::deque<history_sample_ptr> samples_;
  std::optional<collect::wall_clock::time_point> last_sampled_at_;
  std::uint64_t version_ = 0;
};

}  // namespace smistat::history
