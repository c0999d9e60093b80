#include "src/app/publish_hooks.hpp"

#include <utility>

#include "src/common/log.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_view.hpp"
#include "src/contracts/smistat/gpu_history.hpp"

namespace smistat::app {

std::shared_ptr<history::snapshot_history> make_snapshot_history(std::size_t max_samples) {
  return std::make_shared<history::snapshot_history>(max_samples, &render::trend_samples,
                                                     &render::history_sample_of);
}

std::uint64_t watch_publishes(collect::snapshot_store& store,
                              std::shared_ptr<history::snapshot_history> history,
                              std::optional<std::vector<std::int64_t>> visible_gpu_ids) {
  return store.subscribe([history = std::move(history),
                          visible = std::move(visible_gpu_ids)](const collect::snapshot_ptr& s) {
    if (!s->has_data()) return;
    history->record(*s);
    for (const auto& note : render::visible_filter_notes(*s, visible))
      if (log::enabled(note.severity)) log::write(note.severity, note.text);
  });
}

}  // namespace smistat::app
