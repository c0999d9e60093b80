#pragma once
// MIG inventory from `nvidia-smi -L`: one info series per MIG device, so queries can join a MIG
// UUID (as schedulers hand them out) to its GPU and profile. nvidia-smi reports no utilisation per
// MIG instance, so there is nothing more to publish per device from it.

#include <string>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** `smistat_mig_info` for the MIG devices `-L` listed; "" when there are none. */
std::string render_mig_metrics(const collect::snapshot& s);

}  // namespace smistat::render
