#pragma once
// Kubernetes allocation labels: the kubelet poller `--kubernetes` asks for, started beside
// collection and handed every published sample, whose GPUs it matches the kubelet's IDs to.

#include <memory>

#include "src/collect/snapshot_store.hpp"
#include "src/config/config.hpp"
#include "src/kubernetes/kubelet_poller.hpp"
#include "src/runner/run_result.hpp"

namespace smistat::app {

/** The warning smistat starts with when --kubernetes is asked of a build without gRPC; empty
 *  when it can ask the kubelet. */
std::string kubernetes_unsupported_warning(const config& cfg);

/** Starts the poller for cfg's socket and cadence, asking through `runner` (which must outlive
 *  it); nullptr without --kubernetes. stop() it at shutdown (its destructor does too). */
std::shared_ptr<kubernetes::kubelet_poller> start_kubelet_poller(const config& cfg,
                                                                 collect::snapshot_store& store,
                                                                 runner::async_runner& runner);

}  // namespace smistat::app
