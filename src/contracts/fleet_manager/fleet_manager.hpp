#pragma once
// Bodies of contract 002, GPU Fleet Manager: `/api/v1/gpu-metrics`, `/api/v1/health` and
// `/api/v1/metrics` (each also under `/api/v1/monitoring/`), plus its own `/health`.
// Every GPU is listed (CUDA_VISIBLE_DEVICES does not apply, as with NVML).

#include <string>
#include <string_view>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** What the fleet manager reports about itself. */
struct fleet_manager_settings {
  std::string environment = "development";  ///< its `/health` `environment`
};

/** `GET /api/v1/gpu-metrics`: `{timestamp, gpus}` with `"gpu-<index>"` ids. nvidia-smi not
 *  installed gives the original's single "Simulated GPU"; installed but failing gives `[]`. */
std::string render_fleet_gpu_metrics(const collect::snapshot& s,
                                     const fleet_manager_settings& settings,
                                     collect::wall_clock::time_point now);

/** The 500 body the original sends when gathering raised: `{"detail":"Failed to get GPU
 *  metrics: <reason>"}`. For a route that catches a renderer failure. */
std::string fleet_gpu_metrics_failure(std::string_view reason);

/** `GET /api/v1/health`: `{"status":"healthy","timestamp","version":"1.0.0"}`. */
std::string render_fleet_health(const collect::snapshot& s, const fleet_manager_settings& settings,
                                collect::wall_clock::time_point now);

/** The fleet manager's root `/health` (single-contract mode only):
 *  `{"status":"healthy","environment":...,"version":"v1"}`. */
std::string render_fleet_root_health(const collect::snapshot& s,
                                     const fleet_manager_settings& settings,
                                     collect::wall_clock::time_point now);

/** `GET /api/v1/metrics`: `{timestamp, system:{cpu_percent, memory{total, available,
 *  percent}, disk{total, used, free, percent}}}` in bytes, from the host sample (the disk is `/`,
 * as psutil.disk_usage("/")); zeros before the first sample. */
std::string render_fleet_system_metrics(const collect::snapshot& s,
                                        const fleet_manager_settings& settings,
                                        collect::wall_clock::time_point now);

}  // namespace smistat::render
