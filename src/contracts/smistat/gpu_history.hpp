#pragma once
// GET /gpu/history: the last --max-history samples of each GPU's utilisation, memory,
// temperature and power, aligned with their timestamps, for a dashboard's charts. src/history
// keeps the samples as compact records (a few figures per GPU), not whole snapshots; a GPU
// missing from a sample, or a value nvidia-smi printed as a placeholder, is null here, never a
// number.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"
#include "src/history/history_sample.hpp"

namespace smistat::render {

/** The record kept of `s` (which must have data); the history ring's reader. A GPU named as
 *  in `previous` at the same place shares its label. */
history::history_sample history_sample_of(const collect::snapshot& s,
                                          const history::history_sample* previous = nullptr);

/** What the body reports besides the samples. */
struct gpu_history_settings {
  unsigned max_history = 100;
  double interval_seconds = 1.0;  ///< the refresh interval
};

/** The body for `samples` (oldest first); with `since`, only samples taken after it (unix
 *  seconds), so a page can poll for what is new. GPUs are listed by uuid (by index when the uuid
 *  is unknown), in order of their latest index, with their latest name and total memory. */
std::string render_gpu_history(std::span<const history::history_sample_ptr> samples,
                               const gpu_history_settings& settings,
                               std::optional<double> since = std::nullopt);

/** A sample time as unix seconds, as `timestamps` and `since` count them. */
double unix_seconds(collect::wall_clock::time_point t);

}  // namespace smistat::render
