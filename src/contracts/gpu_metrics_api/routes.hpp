#pragma once
// Contract 001, the NVIDIA GPU Metrics API: its routes (docs/contracts/gpu_metrics_api.md).

#include <memory>

#include "src/config/config.hpp"
#include "src/contracts/gpu_metrics_api/stream_route.hpp"
#include "src/contracts/kit/route_kit.hpp"
#include "src/history/gpu_trend_history.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** Registers `/gpu`, `/gpu/stream` and `/types`. `/gpu` and the stream share `history`, which
 *  advances once per published generation (the snapshot history), so here `update()` only looks
 *  up the trends of the generation rendered. Both show the host's
 *  figures, so both tell `readers` when they answer. */
void add_gpu_metrics_api_routes(http::router& r, const config& cfg, snapshot_source data,
                                current_snapshot current, app::publish_feed feed,
                                std::shared_ptr<history::gpu_trend_history> history,
                                host_readers readers);

}  // namespace smistat::contracts
