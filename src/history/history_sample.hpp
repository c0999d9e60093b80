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

/** What names a GPU: the same sample after sample, so samples share one copy of it. */
struct history_gpu_label {
  std::optional<std::string> uuid;  ///< unset when nvidia-smi printed a placeholder
  std::string name;
  bool operator==(const history_gpu_label&) const = default;
};

/** One GPU's figures in one sample. */
struct history_gpu {
  std::int64_t index = 0;
  /// Never null. Shared with the sample before when the GPU is named the same: a ring of 100
  /// samples of 8 GPUs would otherwise hold (and a sample build, and later free) 1600 strings.
  std::shared_ptr<const history_gpu_label> label;
  std::optional<std::int64_t> memory_total_mb;
  std::optional<std::int64_t> utilization_percent;
  std::optional<std::int64_t> memory_used_mb;
  std::optional<std::int64_t> temperature_c;
  std::optional<double> power_w;
  /** Equal figures and equal names, shared or not. */
  bool operator==(const history_gpu& o) const {
    return index == o.index && *label == *o.label && memory_total_mb == o.memory_total_mb &&
           utilization_percent == o.utilization_percent && memory_used_mb == o.memory_used_mb &&
           temperature_c == o.temperature_c && power_w == o.power_w;
  }
};

/** One sample: when it was taken and every GPU row it had. */
struct history_sample {
  collect::wall_clock::time_point sampled_at;
  std::vector<history_gpu> gpus;
  bool operator==(const history_sample&) const = default;
};

/** Samples are shared between the ring that keeps them and the requests that render them. */
using history_sample_ptr = std::shared_ptr<const history_sample>;

/** Reads the record kept of a snapshot with data, as the contract that renders it reads it.
 *  `previous` is the last record kept (null for the first), whose labels the new one may share. */
using sample_reader =
    std::function<history_sample(const collect::snapshot&, const history_sample* previous)>;

}  // namespace smistat::history
