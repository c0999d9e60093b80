#pragma once
// Contract 000, the GPU Statistics Server (gpu-worker-pool): its routes
// (docs/contracts/gpu_statistics.md).

#include <cstdint>
#include <functional>

#include "src/config/config.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/contracts/kit/route_kit.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** Registers `/` (the JSON home, or the dashboard for a browser), `/gpu/stats`, `/gpu/count`,
 *  `/gpu/summary`, `/health` and `/config`. `bound_port` is the port the server bound, which
 *  /config reports when started with port 0. `activity` tells /health the runs and loop children
 *  alive now; empty, /health leaves them out. `xid` gives /health its `xid` block and `pods` its
 *  `kubernetes` block; empty, it has none. */
void add_gpu_statistics_routes(http::router& r, const config& cfg, snapshot_source data,
                               current_snapshot current, std::function<std::uint16_t()> bound_port,
                               std::function<render::collection_activity()> activity,
                               current_xid_report xid = {}, current_kubernetes_report pods = {});

}  // namespace smistat::contracts
