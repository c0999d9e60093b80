#pragma once
// Registers every served route on a router: the contracts' JSON (rendered once per snapshot
// generation), liveness and readiness, and the API description.

#include <chrono>
#include <functional>
#include <memory>

#include "src/app/stream_route.hpp"
#include "src/collect/snapshot.hpp"
#include "src/config/config.hpp"
#include "src/http/router.hpp"
#include "src/http/server_options.hpp"

namespace smistat::app {

/** How handlers get data: a function returning the snapshot to answer from. In interval mode
 *  it returns the store's current one (waiting only for the very first sample); on demand it
 *  waits for a fresh enough one. Called on HTTP threads. */
using snapshot_source = std::function<collect::snapshot_ptr()>;

/** Builds the router for `cfg` with every route. `current` returns the store's snapshot without
 *  waiting; `server_stats` the HTTP counters for the self-metrics; `feed` the store's publish
 *  notifications for the event stream. */
std::shared_ptr<const http::router> make_routes(const config& cfg, snapshot_source data,
                                                std::function<collect::snapshot_ptr()> current,
                                                std::function<http::server_stats()> server_stats,
                                                publish_feed feed);

}  // namespace smistat::app
