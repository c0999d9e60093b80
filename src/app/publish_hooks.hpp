#pragma once
// Work done once per published snapshot rather than once per request: the snapshot history
// (the GPU Metrics API's trends and /gpu/history's samples) advances with every sample whether
// or not anyone asks, and the CUDA_VISIBLE_DEVICES filter's notes are logged as the original
// logs them per fetch. One subscription does all of it, in that order.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "src/collect/snapshot_store.hpp"
#include "src/history/snapshot_history.hpp"

namespace smistat::app {

/** The snapshot history as smistat keeps it: trends and samples read as the contracts that
 *  render them read them, and at most `max_samples` samples. */
std::shared_ptr<history::snapshot_history> make_snapshot_history(std::size_t max_samples);

/** Subscribes to `store`; returns the subscription id. `history` is shared with the routes,
 *  whose own update() of a generation already folded in is a lookup. */
std::uint64_t watch_publishes(collect::snapshot_store& store,
                              std::shared_ptr<history::snapshot_history> history,
                              std::optional<std::vector<std::int64_t>> visible_gpu_ids);

}  // namespace smistat::app
