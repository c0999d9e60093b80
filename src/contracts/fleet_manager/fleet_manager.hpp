#pragma once
// Bodies of contract 002, GPU Fleet Manager: `/api/v1/gpu-metrics`, `/api/v1/health` and
// `/api/v1/metrics` (each also under `/api/v1/monitoring/`). Its root `/health` is not served:
// `/health` is contract 000's.
// Every GPU is listed (CUDA_VISIBLE_DEVICES does not apply, as with NVML).

#include <string>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** `GET /api/v1/gpu-metrics`: `{timestamp, gpus}` with `"gpu-<index>"` ids. nvidia-smi not
 *  installed gives the original's single "Simulated GPU"; installed but failing gives `[]`. */
std::string render_fleet_gpu_metrics(const collect::snapshot& s,
                                     collect::wall_clock::time_point now);

/** `GET /api/v1/health`: `{"status":"healthy","timestamp","version":"1.0.0"}`. */
std::string render_fleet_health(const collect::snapshot& s, collect::wall_clock::time_point now);

/** `GET /api/v1/metrics`: `{timestamp, system:{cpu_percent, memory{total, available,
 *  percent}, disk{total, used, free, percent}}}` in bytes, from the host sample (the disk is `/`,
 * as psutil.disk_usage("/")); zeros before the first sample. */
std::string render_fleet_system_metrics(const collect::snapshot& s,
                                        collect::wall_clock::time_point now);

}  // namespace smistat::render
