#pragma once
// What /gpu/history keeps of one sample: a compact record (a few figures per GPU), not the
// whole snapshot. A GPU missing from a sample, or a value nvidia-smi printed as a placeholder,
// is unset there, never a number.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::history {

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

/** Reads the record kept of a snapshot with data, as the contract that renders it reads it. */
using sample_reader = std::function<history_sample(const collect::snapshot&)>;

}  // namespace smistat::history
