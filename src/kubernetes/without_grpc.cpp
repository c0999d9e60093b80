// The build without gRPC (the portable distribution builds): --kubernetes still starts, and every
// call answers with the reason, so /health, /metrics and the log say why the pod labels are empty
// while everything else is served (a DaemonSet that asks for the labels does not crash-loop).
#include "src/kubernetes/grpc_pod_resources_client.hpp"

namespace smistat::kubernetes {
namespace {

class unsupported_client final : public pod_resources_client {
 public:
  list_outcome list(std::chrono::milliseconds) override { return {std::nullopt, reason}; }

  static constexpr const char* reason = "this build has no Kubernetes support (built without gRPC)";
};

}  // namespace

std::unique_ptr<pod_resources_client> make_grpc_pod_resources_client(std::string) {
  return std::make_unique<unsupported_client>();
}

bool kubernetes_support_built() noexcept { return false; }

}  // namespace smistat::kubernetes
