#include "src/app/kubernetes_source.hpp"

#include <chrono>
#include <cmath>
#include <utility>

#include "src/app/kubelet_helper_client.hpp"

namespace smistat::app {

std::string kubernetes_unsupported_warning(const config& cfg) {
  if (!cfg.kubernetes || kubernetes_support_built()) return {};
  return "--kubernetes: this build has no Kubernetes support (built without gRPC); GPU series "
         "carry empty pod labels and /health's kubernetes part says why";
}

std::shared_ptr<kubernetes::kubelet_poller> start_kubelet_poller(const config& cfg,
                                                                 collect::snapshot_store& store,
                                                                 runner::async_runner& runner) {
  if (!cfg.kubernetes) return nullptr;
  kubernetes::kubelet_poller_options options;
  options.socket = cfg.kubernetes_socket;
  options.interval = std::chrono::milliseconds(
      static_cast<std::int64_t>(std::ceil(cfg.kubernetes_interval * 1000.0)));
  options.deadline = cfg.kubernetes_timeout;
  auto poller = std::make_shared<kubernetes::kubelet_poller>(
      std::move(options), make_kubelet_helper_client(runner, cfg.kubernetes_socket));
  // A weak reference: the store outlives the poller, whose thread ends at shutdown.
  store.subscribe([weak = std::weak_ptr(poller)](const collect::snapshot_ptr& s) {
    if (auto p = weak.lock()) p->on_snapshot(s);
  });
  if (const auto s = store.current(); s->has_data()) poller->on_snapshot(s);
  poller->start();
  return poller;
}

}  // namespace smistat::app
