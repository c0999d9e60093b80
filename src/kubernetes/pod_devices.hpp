#pragma once
// What the kubelet's PodResources List answers, reduced to what the allocation labels need: for
// each container, the devices of each resource it holds. Plain data; the gRPC client fills it.

#include <string>
#include <vector>

namespace smistat::kubernetes {

/** The devices of one resource held by one container. */
struct container_devices {
  std::string namespace_name;
  std::string pod;
  std::string container;
  std::string resource_name;            ///< `nvidia.com/gpu`, `nvidia.com/mig-1g.10gb`, ...
  std::vector<std::string> device_ids;  ///< as the device plugin named them
  bool operator==(const container_devices&) const = default;
};

/** Every (container, resource) pair of one List answer, in the kubelet's order. */
using pod_devices = std::vector<container_devices>;

}  // namespace smistat::kubernetes
