#pragma once
// Prometheus: the telemetry route (`--web.telemetry-path`, default /metrics), in
// dcgm-exporter's or nvidia_gpu_exporter's names (docs/contracts/prometheus.md).

#include <functional>

#include "src/collect/snapshot.hpp"
#include "src/config/config.hpp"
#include "src/contracts/kit/route_kit.hpp"
#include "src/http/router.hpp"
#include "src/http/server_options.hpp"

namespace smistat::contracts {

/** Registers cfg.telemetry_path outside the API prefix. The GPU part is rendered once per
 *  snapshot generation and kubelet answer (`pods`, with --kubernetes); the XID families (when `xid`
 * is set), smistat's own and the process's metrics are read on every scrape. It always answers 200:
 * a failed collection shows in the self-metrics, not as an error. Throws std::invalid_argument for
 * an unknown profile or hostname label. The `Hostname` label is system::host_name(), the name
 * /gpu_status reports too. */
void add_metrics_route(http::router& r, const config& cfg,
                       std::function<collect::snapshot_ptr()> current,
                       std::function<http::server_stats()> server_stats,
                       current_xid_report xid = {}, current_kubernetes_report pods = {});

}  // namespace smistat::contracts
