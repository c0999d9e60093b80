#pragma once
// Work done once per published snapshot rather than once per request: the GPU Metrics API's
// trends (rate_of_change, peak_values) advance with every sample whether or not anyone asks,
// and the CUDA_VISIBLE_DEVICES filter's notes are logged as the original logs them per fetch.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "src/collect/snapshot_store.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"

namespace smistat::app {

/** Subscribes to `store`; returns the subscription id. `history` is shared with the routes,
 *  whose own update() of a generation already folded in is a lookup. */
std::uint64_t watch_publishes(collect::snapshot_store& store,
                              std::shared_ptr<render::gpu_metrics_history> history,
                              std::optional<std::vector<std::int64_t>> visible_gpu_ids);

}  // namespace smistat::app
