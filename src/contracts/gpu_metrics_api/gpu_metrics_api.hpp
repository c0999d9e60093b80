#pragma once
// Bodies of contract 001, the NVIDIA GPU Metrics API: `GET /gpu` (also each `/gpu/stream`
// event) and its `/health`. Pure functions of (snapshot, settings, now, trends); the trends
// that the original kept in process memory live in `history::gpu_trend_history`.

#include <string>

#include "src/collect/snapshot.hpp"
#include "src/history/gpu_trend.hpp"

namespace smistat::render {

/** `GET /gpu`: `{timestamp, system_info, gpu_count, gpus, summary, status}`. Without GPU data
 *  the body is still 200, with `status:"error"` and an all-zero summary (a documented
 *  deviation: the original answered 500 when NVML failed to start). */
std::string render_gpu_metrics(const collect::snapshot& s, collect::wall_clock::time_point now,
                               const history::gpu_trends& trends);

}  // namespace smistat::render
