#pragma once
// Matches the kubelet's device IDs to the GPUs of a sample: pure, so that every ID form and
// every sharing case is tested without a kubelet.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "src/collect/kubernetes_report.hpp"
#include "src/collect/snapshot.hpp"
#include "src/kubernetes/pod_devices.hpp"

namespace smistat::kubernetes {

/** One GPU as the matcher knows it. */
struct gpu_identity {
  std::string index;  ///< nvidia-smi's index
  std::string uuid;   ///< `GPU-...`
  /** The minor number `nvidiaN` IDs name: `nvidia-smi -q`'s `Minor Number` once the details
   *  have been read; until then (and with --details-interval 0) the index, which equals it on
   *  most machines but not where the driver numbered the device nodes in another order than
   *  the PCI bus order the index follows. */
  int minor = -1;
  std::vector<std::string> mig_uuids;  ///< its MIG devices (`MIG-...`), from `nvidia-smi -L`
};

/** The GPUs of `s` (none when it has no rows). */
std::vector<gpu_identity> gpu_identities_of(const collect::snapshot& s);

/** What matching one List answer gave. */
struct match_result {
  std::size_t nvidia_resources = 0;  ///< (container, resource) pairs of `nvidia.com/*`
  std::size_t devices_seen = 0;      ///< their device IDs
  std::size_t devices_matched = 0;   ///< of them, those naming a GPU of `gpus`
  std::string id_form;               ///< the forms seen, sorted, joined by commas
  std::string first_unmatched;       ///< one ID that matched nothing, for the log line
  std::map<std::string, collect::pod_allocation> by_gpu_uuid;
  std::vector<std::string> gpus_without_pod;  ///< indexes of GPUs no container holds
};

/** Matches every device of an `nvidia.com/` resource in `devices` to `gpus`. A GPU several
 * containers hold (time slicing, several MIG devices) goes to the first by namespace, pod and
 * container, and is marked shared; the choice does not depend on the kubelet's order. */
match_result match_allocations(const pod_devices& devices, const std::vector<gpu_identity>& gpus);

}  // namespace smistat::kubernetes
