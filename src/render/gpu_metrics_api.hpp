#pragma once
// Bodies of contract 001, the NVIDIA GPU Metrics API: `GET /gpu` (also each `/gpu/stream`
// event) and its `/health`. Pure functions of (snapshot, settings, now, trends); the trends
// that the original kept in process memory live in `gpu_metrics_history`.

#include <string>

#include "src/collect/snapshot.hpp"
#include "src/render/gpu_metrics_api_history.hpp"

namespace smistat::render {

/** 001 has no settings of its own; the struct keeps the renderers' shape uniform. */
struct gpu_metrics_api_settings {};

/** `GET /gpu`: `{timestamp, system_info, gpu_count, gpus, summary, status}`. Without GPU data
 *  the body is still 200, with `status:"error"` and an all-zero summary (a documented
 *  deviation: the original answered 500 when NVML failed to start). */
std::string render_gpu_metrics(const collect::snapshot& s, const gpu_metrics_api_settings& settings,
                               collect::wall_clock::time_point now, const gpu_trends& trends);

/** 001's `GET /health`: always `{"status":"ok"}`. */
std::string render_gpu_metrics_health(const collect::snapshot& s,
                                      const gpu_metrics_api_settings& settings,
                                      collect::wall_clock::time_point now);

/** `_now_iso()` of the original: UTC, whole seconds, `Z` (`2024-01-15T10:30:45Z`). */
std::string utc_iso_seconds(collect::wall_clock::time_point t);

}  // namespace smistat::render
