#pragma once
// MIG inventory: one info series per MIG device `nvidia-smi -L` lists (GPU, MIG UUID, device
// number, profile), so queries can join a MIG UUID as schedulers hand them out to its GPU, with
// the GPU and compute instance IDs and the framebuffer memory `-q` gives. nvidia-smi reports no
// utilisation per MIG instance, so none is published.

#include <string>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** `smistat_mig_info` and the MIG memory families for the MIG devices `-L` listed; "" when
 *  there are none. */
std::string render_mig_metrics(const collect::snapshot& s);

}  // namespace smistat::render
