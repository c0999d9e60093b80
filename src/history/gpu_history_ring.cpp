#include "src/history/gpu_history_ring.hpp"

#include <memory>

namespace smistat::history {

void gpu_history_ring::record(const collect::snapshot& s) {
  if (!s.has_data() || capacity_ == 0) return;
  history_sample_ptr previous;
  {
    std::lock_guard lock(mutex_);
    if (last_sampled_at_ == s.sampled_at) return;
    if (!samples_.empty()) previous = samples_.back();
  }
  // Built outside the lock: readers never wait for a sample to be read from the table.
  auto sample = std::make_shared<const history_sample>(read_(s, previous.get()));
  std::lock_guard lock(mutex_);
  last_sampled_at_ = s.sampled_at;
  if (samples_.size() == capacity_) samples_.pop_front();
  samples_.push_back(std::move(sample));
  ++version_;
}

history_window gpu_history_ring::window() const {
  std::lock_guard lock(mutex_);
  return {version_, {samples_.begin(), samples_.end()}};
}

}  // namespace smistat::history
