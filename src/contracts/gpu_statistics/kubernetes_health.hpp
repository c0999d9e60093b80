#pragma once
// The `kubernetes` block of /health: whether the kubelet answers, how many of its device IDs
// name a GPU of this machine, in which form, and which GPUs no pod holds, so that an empty pod
// label can be told apart from a mapping that does not work.

#include "src/collect/kubernetes_report.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {

/** Writes the block as one JSON object (the caller writes its key). Counts the kubelet has not
 *  answered yet are null. */
void write_kubernetes_health(json_writer& w, const collect::kubernetes_report& report);

}  // namespace smistat::render
