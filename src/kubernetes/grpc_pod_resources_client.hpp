#pragma once
// The kubelet's PodResourcesLister/List over its unix socket, with gRPC's own C++ library:
// HTTP/2 framing, flow control and status codes are not worth writing by hand. Compiled into the
// Kubernetes module (kubelet_module_abi.hpp), never into smistat itself.

#include <memory>
#include <string>

#include "src/kubernetes/pod_resources_client.hpp"

namespace smistat::kubernetes {

/** A client of the PodResources socket at `socket_path`. */
std::unique_ptr<pod_resources_client> make_grpc_pod_resources_client(std::string socket_path);

}  // namespace smistat::kubernetes
