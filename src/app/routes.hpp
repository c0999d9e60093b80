#pragma once
// The one list of served contracts: each registers its routes on one router, with what it
// reads (snapshot sources, the store, the server's counters, the shared trends).

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <functional>
#include <memory>

#include "src/config/config.hpp"
#include "src/contracts/gpu_metrics_api/stream_route.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/contracts/kit/route_kit.hpp"
#include "src/contracts/nvgpu/cluster_poller.hpp"
#include "src/history/gpu_history_ring.hpp"
#include "src/history/gpu_trend_history.hpp"
#include "src/http/router.hpp"
#include "src/http/server_options.hpp"

namespace smistat::app {

using contracts::snapshot_consumer;
using contracts::snapshot_source;

/** What the routes read. */
struct route_inputs {
  snapshot_source data;
  /** As `data`, for routes that list processes: the first answer also waits for the first
   *  process list, which starts after the first sample. The original servers read both per
   *  request, so their first answer always had them; later answers never wait for it. */
  snapshot_source data_with_processes;
  /** The store's snapshot, without waiting (health, probes, metrics, the event stream). */
  contracts::current_snapshot current;
  /** The runs and loop children alive now, for /health; empty: /health leaves them out. */
  std::function<render::collection_activity()> activity;
  /** The HTTP counters for the self-metrics. */
  std::function<http::server_stats()> server_stats;
  /** The port the server bound: /config reports it when started with port 0. */
  std::function<std::uint16_t()> bound_port;
  /** The store's publish notifications, for the event stream. */
  publish_feed feed;
  /** The GPU Metrics API's trends, advanced once per published snapshot. */
  std::shared_ptr<history::gpu_trend_history> history;
  /** Where the nvgpu master's agent fetches run (the HTTP threads). */
  boost::asio::any_io_executor executor;
  /** This machine's answer for `self` in the nvgpu master's AGENTS. */
  self_agent self;
  /** The samples of /gpu/history; null serves an empty history. */
  std::shared_ptr<const history::gpu_history_ring> samples;
  /** The XID reports read from the kernel log, for /health and /metrics; empty: none. */
  contracts::current_xid_report xid;
  /** Called by the answers that show the host's figures; empty: nobody counts them. */
  contracts::host_readers host_readers;
  /** The kubelet poller's report with --kubernetes; empty otherwise. */
  contracts::current_kubernetes_report kubernetes;
};

/** Builds the router for `cfg` with every contract's routes. */
std::shared_ptr<const http::router> make_routes(const config& cfg, route_inputs inputs);

}  // namespace smistat::app
