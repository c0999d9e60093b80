#pragma once
// `nvgpu available` (docs/contracts/nvgpu.md): the GPUs whose memory is at most `max_used_percent`
// used, as a line for CUDA_VISIBLE_DEVICES. Only the GPUs the caller's own
// CUDA_VISIBLE_DEVICES shows are offered (CUDA's rule, cuda_visible_devices.hpp), in CUDA's
// order, each named so that a new CUDA_VISIBLE_DEVICES means the same device: a GPU by its
// nvidia-smi index, a MIG device by its UUID.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "parsers/list_gpus.hpp"
#include "src/contracts/nvgpu/nvgpu_status.hpp"

namespace smistat::render {

struct available_options {
  double max_used_percent = 20.0;  ///< nvgpu's default: at most 20 % of memory used
  std::size_t limit = 0;           ///< at most this many; 0: no limit (nvgpu's `-l 0`)
  /** The caller's CUDA_VISIBLE_DEVICES; nullopt when unset. */
  std::optional<std::string> cuda_visible_devices;
};

/** The names of the available devices, in order. A GPU whose memory figures are unknown (lost,
 *  placeholders) is never available; a MIG device is as available as its GPU. `listed` (`-L`)
 *  supplies the MIG UUIDs. */
std::vector<std::string> available_devices(std::span<const nvgpu_device> devices,
                                           std::span<const parsers::listed_gpu> listed,
                                           const available_options& options);

/** `','.join(names) + "\n"`; an empty line when none. */
std::string render_available(std::span<const std::string> names);

}  // namespace smistat::render
