// The build without gRPC (the portable distribution builds): --kubernetes is refused at start.
#include "src/kubernetes/grpc_pod_resources_client.hpp"

namespace smistat::kubernetes {

std::unique_ptr<pod_resources_client> make_grpc_pod_resources_client(std::string) {
  return nullptr;
}

bool kubernetes_support_built() noexcept { return false; }

}  // namespace smistat::kubernetes
