#pragma once
// The bookkeeping every part beside the GPU query does after a run.

#include <optional>

#include "src/collect/snapshot.hpp"

namespace smistat::collect {

/** Records one run of a part that started at `attempt` and took `duration_seconds`; `error`
 *  empty means it succeeded (its value is then the one served, read now). */
inline void record_part(part_health& h, wall_clock::time_point attempt, double duration_seconds,
                        std::optional<collection_error> error) {
  h.last_attempt = attempt;
  h.last_duration_seconds = duration_seconds;
  ++h.runs_total;
  if (error) {
    ++h.errors_total;
    h.last_error = std::move(error);
  } else {
    h.last_error.reset();
    h.last_success = wall_clock::now();
  }
}

}  // namespace smistat::collect
