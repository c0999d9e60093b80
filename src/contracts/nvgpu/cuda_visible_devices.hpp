#pragma once
// CUDA_VISIBLE_DEVICES as CUDA itself reads it, for the routes that choose GPUs for users
// (`smistat available`). The 000 contract keeps its own integer-only rule
// (visible_devices.hpp, docs/contracts/gpu_statistics.md); this is the CUDA runtime's:
//   - unset: every GPU, in nvidia-smi order; set but blank: none;
//   - a comma-separated list of entries, each an index, a `GPU-` UUID or a unique prefix of
//     one, or a `MIG-` device UUID (also the older `MIG-GPU-<uuid>/<gi>/<ci>` form);
//   - the list ends at the first entry that names no device (CUDA ignores everything after
//     it), and a device named twice ends it too;
//   - the order is the list's order: it is the numbering a CUDA program sees.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace smistat::render {

/** One GPU as the resolver needs it (from `-L` or the GPU query). */
struct cuda_gpu {
  std::int64_t index = 0;
  std::string uuid;                    ///< `GPU-...`
  std::vector<std::string> mig_uuids;  ///< `MIG-...`, empty when MIG is off
};

/** One device a CUDA program would see. */
struct cuda_device {
  std::size_t gpu = 0;   ///< position in the `gpus` span
  std::string mig_uuid;  ///< the MIG device named; empty for the whole GPU
  friend bool operator==(const cuda_device&, const cuda_device&) = default;
};

/** The devices `value` makes visible, in CUDA's order. */
std::vector<cuda_device> resolve_cuda_visible_devices(const std::optional<std::string>& value,
                                                      std::span<const cuda_gpu> gpus);

/** How to name `d` in a new CUDA_VISIBLE_DEVICES: the GPU's index, or the MIG UUID. */
std::string cuda_device_name(const cuda_device& d, std::span<const cuda_gpu> gpus);

}  // namespace smistat::render
