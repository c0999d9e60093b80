#pragma once
// The bookkeeping of every GPU outcome, whichever source produced it: the top of
// collection_health, which /health and /metrics report for the GPU query.

#include <optional>

#include "src/collect/snapshot.hpp"

namespace smistat::collect {

/** Records one GPU outcome that started at `attempt` and took `duration_seconds`. `sampled_at`
 *  is set when it gave GPU data; without data and without `error` it counts as a parse error.
 *  Logs only when the error's kind changes, or when nvidia-smi answers again. */
void record_gpu_outcome(collection_health& h, std::optional<collection_error> error, int exit_code,
                        double duration_seconds, wall_clock::time_point attempt,
                        std::optional<wall_clock::time_point> sampled_at);

}  // namespace smistat::collect
