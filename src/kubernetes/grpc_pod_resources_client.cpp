#include "src/kubernetes/grpc_pod_resources_client.hpp"

#include <grpcpp/grpcpp.h>

#include <mutex>
#include <utility>

#include "src/kubernetes/proto/api.grpc.pb.h"
#include "src/kubernetes/socket_access.hpp"

namespace smistat::kubernetes {
namespace {

class grpc_client final : public pod_resources_client {
 public:
  explicit grpc_client(std::string socket_path) : socket_path_(std::move(socket_path)) {}

  list_outcome list(std::chrono::milliseconds deadline) override {
    if (auto problem = socket_problem(socket_path_); !problem.empty()) return {{}, problem};
    // A channel per call: the kubelet restarts (and recreates its socket) on upgrades, and a
    // call every few seconds makes reconnecting cheap next to a channel stuck on a dead socket.
    auto channel =
        grpc::CreateChannel("unix://" + socket_path_, grpc::InsecureChannelCredentials());
    auto stub = v1::PodResourcesLister::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    {
      std::lock_guard lock(mutex_);
      if (cancelled_) return {{}, "cancelled"};
      in_flight_ = &context;
    }
    v1::ListPodResourcesResponse response;
    const auto status = stub->List(&context, v1::ListPodResourcesRequest{}, &response);
    {
      std::lock_guard lock(mutex_);
      in_flight_ = nullptr;
    }
    if (!status.ok())
      return {{},
              "List failed: " + std::to_string(static_cast<int>(status.error_code())) + " " +
                  status.error_message()};
    return {to_pod_devices(response), {}};
  }

 private:
  static pod_devices to_pod_devices(const v1::ListPodResourcesResponse& response) {
    pod_devices out;
    for (const auto& pod : response.pod_resources())
      for (const auto& container : pod.containers())
        for (const auto& devices : container.devices())
          out.push_back({pod.namespace_(),
                         pod.name(),
                         container.name(),
                         devices.resource_name(),
                         {devices.device_ids().begin(), devices.device_ids().end()}});
    return out;
  }

  void cancel() override {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (in_flight_) in_flight_->TryCancel();
  }

  std::string socket_path_;
  std::mutex mutex_;  // guards the two below, so cancel() never meets a context being destroyed
  grpc::ClientContext* in_flight_ = nullptr;
  bool cancelled_ = false;
};

}  // namespace

std::unique_ptr<pod_resources_client> make_grpc_pod_resources_client(std::string socket_path) {
  return std::make_unique<grpc_client>(std::move(socket_path));
}

}  // namespace smistat::kubernetes
