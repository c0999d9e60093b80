#pragma once
// Which pod each GPU is allocated to, as the kubelet's PodResources API says, and how well the
// kubelet's device IDs matched the GPUs of the sample, as the renderers see it. Published beside
// the snapshots by the kubelet poller (src/kubernetes), on a cadence of its own.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::collect {

/** The container a GPU is allocated to. */
struct pod_allocation {
  std::string namespace_name;
  std::string pod;
  std::string container;
  /** More than one container holds the GPU (time slicing, MIG devices of one GPU): this is the
   *  first of them by namespace, pod and container. */
  bool shared = false;
  bool operator==(const pod_allocation&) const = default;
};

/** The kubelet poller's state and its last result. */
struct kubernetes_report {
  bool enabled = false;                                ///< `--kubernetes`
  std::string socket;                                  ///< the PodResources socket
  std::optional<wall_clock::time_point> last_call;     ///< when List last ended (or failed)
  std::optional<wall_clock::time_point> last_success;  ///< when List last answered
  std::string error;  ///< why the last call failed; empty after a success
  std::uint64_t calls_total = 0;
  std::uint64_t errors_total = 0;
  std::size_t devices_seen = 0;     ///< `nvidia.com/*` device IDs in the last answer
  std::size_t devices_matched = 0;  ///< of them, those that name a GPU of the sample
  /** The ID forms seen (`uuid`, `minor`, `mig`, `replica`, `unknown`), sorted and joined by
   *  commas; empty when no device was seen. */
  std::string id_form;
  /** The allocation of each GPU that has one, by GPU UUID. */
  std::map<std::string, pod_allocation> by_gpu_uuid;
  /** Indexes of the sample's GPUs no container holds. */
  std::vector<std::string> gpus_without_pod;
  bool operator==(const kubernetes_report&) const = default;
};

}  // namespace smistat::collect
