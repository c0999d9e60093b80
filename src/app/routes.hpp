#pragma once
// Registers every served route on a router: the contracts' JSON (rendered once per snapshot
// generation, answered asynchronously so no HTTP thread waits for data), liveness and
// readiness, and the API description.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "src/app/cluster_routes.hpp"
#include "src/app/stream_route.hpp"
#include "src/collect/snapshot.hpp"
#include "src/config/config.hpp"
#include "src/http/router.hpp"
#include "src/http/server_options.hpp"
#include "src/render/gpu_metrics_api_history.hpp"

namespace smistat::app {

/** Called with the snapshot a data route answers from. */
using snapshot_consumer = std::function<void(const collect::snapshot_ptr&)>;

/** How data routes get their snapshot without holding a thread: `data(consumer)` calls the
 *  consumer at once when the store's snapshot will do, or later, from the collector's thread,
 *  when it must wait (for the very first sample, or for an on-demand run). Called on HTTP
 *  threads; never blocks. */
using snapshot_source = std::function<void(snapshot_consumer)>;

/** What the routes read. */
struct route_inputs {
  snapshot_source data;
  /** As `data`, for routes that list processes: the first answer also waits for the first
   *  process list, which starts after the first sample. The original servers read both per
   *  request, so their first answer always had them; later answers never wait for it. */
  snapshot_source data_with_processes;
  /** The store's snapshot, without waiting (health, probes, metrics, the event stream). */
  std::function<collect::snapshot_ptr()> current;
  /** The HTTP counters for the self-metrics. */
  std::function<http::server_stats()> server_stats;
  /** The port the server bound: /config reports it when started with port 0. */
  std::function<std::uint16_t()> bound_port;
  /** The store's publish notifications, for the event stream. */
  publish_feed feed;
  /** The GPU Metrics API's trends, advanced once per published snapshot. */
  std::shared_ptr<render::gpu_metrics_history> history;
  /** The nvgpu master's agents and the samples of /gpu/history. */
  cluster_inputs cluster;
};

/** Builds the router for `cfg` with every route. */
std::shared_ptr<const http::router> make_routes(const config& cfg, route_inputs inputs);

}  // namespace smistat::app
