#pragma once
// How well the kubelet's allocations map to this machine's GPUs, as Prometheus families: an
// empty pod label is then told apart from a mapping that does not work.

#include <string>

#include "src/collect/kubernetes_report.hpp"

namespace smistat::render {

/** `smistat_kubernetes_*` for `report`: the devices matched and unmatched (once the kubelet
 *  has answered), the calls, the errors and the last error. */
std::string render_kubernetes_metrics(const collect::kubernetes_report& report);

}  // namespace smistat::render
