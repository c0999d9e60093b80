#include "src/history/snapshot_history.hpp"

#include <utility>

namespace smistat::history {

snapshot_history::snapshot_history(std::size_t max_samples, trend_reader read_trends,
                                   sample_reader read_sample)
    : trends_(std::make_shared<gpu_trend_history>(std::move(read_trends))),
      samples_(std::make_shared<gpu_history_ring>(max_samples, std::move(read_sample))) {}

void snapshot_history::record(const collect::snapshot& s) {
  if (!s.has_data()) return;
  trends_->advance(s);
  samples_->record(s);
}

}  // namespace smistat::history
