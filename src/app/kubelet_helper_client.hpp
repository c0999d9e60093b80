#pragma once
// How the kubelet poller asks: by running smistat-kubelet (src/kubernetes/kubelet_helper_main.cpp)
// with the collection's runner, so gRPC never enters smistat's own address space. A helper that is
// missing, fails, hangs or answers garbage is one failed call with its reason; the rest is served.

#include <filesystem>
#include <memory>
#include <string>

#include "src/kubernetes/pod_resources_client.hpp"
#include "src/runner/run_result.hpp"

namespace smistat::app {

/** True when this build has the helper (it was built with gRPC). */
bool kubernetes_support_built() noexcept;

/** Where smistat looks for the helper: `lib/smistat/smistat-kubelet` beside the `bin/` holding
 *  the running executable (the build tree, the tarball and /usr alike). */
std::filesystem::path kubelet_helper_path();

/** A client of the PodResources socket at `socket_path` that runs `helper` with `runner`, which
 *  must outlive it. Without the helper in this build, every call fails with that reason. */
std::unique_ptr<kubernetes::pod_resources_client> make_kubelet_helper_client(
    runner::async_runner& runner, std::string socket_path,
    std::filesystem::path helper = kubelet_helper_path());

}  // namespace smistat::app
