#pragma once
// GET /gpu/history: the last --max-history samples of each GPU's utilisation, memory,
// temperature and power, aligned with their timestamps, for a dashboard's charts. Samples are
// kept as compact records (a few figures per GPU), not whole snapshots; a GPU missing from a
// sample, or a value nvidia-smi printed as a placeholder, is null there, never a number.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** One GPU's figures in one sample. */
struct history_gpu {
  std::int64_t index = 0;
  std::optional<std::string> uuid;  ///< unset when nvidia-smi printed a placeholder
  std::string name;
  std::optional<std::int64_t> memory_total_mb;
  std::optional<std::int64_t> utilization_percent;
  std::optional<std::int64_t> memory_used_mb;
  std::optional<std::int64_t> temperature_c;
  std::optional<double> power_w;
  bool operator==(const history_gpu&) const = default;
};

/** One sample: when it was taken and every GPU row it had. */
struct history_sample {
  collect::wall_clock::time_point sampled_at;
  std::vector<history_gpu> gpus;
  bool operator==(const history_sample&) const = default;
};

/** Samples are shared between the ring that keeps them and the requests that render them. */
using history_sample_ptr = std::shared_ptr<const history_sample>;

/** The record kept of `s` (which must have data). */
history_sample history_sample_of(const collect::snapshot& s);

/** What the body reports besides the samples. */
struct gpu_history_settings {
  unsigned max_history = 100;
  double interval_seconds = 1.0;  ///< the refresh interval
};

/** The body for `samples` (oldest first); with `since`, only samples taken after it (unix
 *  seconds), so a page can poll for what is new. GPUs are listed by uuid (by index when the uuid
 *  is unknown), in order of their latest index, with their latest name and total memory. */
std::string render_gpu_history(std::span<const history_sample_ptr> samples,
                               const gpu_history_settings& settings,
                               std::optional<double> since = std::nullopt);

/** A sample time as unix seconds, as `timestamps` and `since` count them. */
double unix_seconds(collect::wall_clock::time_point t);

}  // namespace smistat::render
