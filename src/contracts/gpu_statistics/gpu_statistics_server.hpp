#pragma once
// Bodies of contract 000, the GPU Statistics Server (gpu-worker-pool): `/`, `/gpu/stats`,
// `/gpu/count`, `/gpu/summary`, `/health` and `/config`. Every body is HTTP 200; failures are
// `{"error":...}` dicts, as in the original. Pure functions of (snapshot, settings, now).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** What `/` and `/config` report; fixed at start. */
struct gpu_statistics_settings {
  std::string host = "0.0.0.0";
  std::uint16_t port = 8000;
  bool reload = true;
  std::string log_level = "info";
  bool access_log = true;
  unsigned workers = 1;
  std::string title = "GPU Statistics Server";
  std::string version = "1.0.0";
  std::string docs_url = "/docs";
  std::string redoc_url = "/redoc";
  bool enable_cors = true;
  std::string api_prefix;
  double refresh_interval = 1.0;
  unsigned max_history = 100;
  std::optional<std::string> cuda_visible_devices;           ///< raw value; nullopt when unset
  std::optional<std::vector<std::int64_t>> visible_gpu_ids;  ///< parsed once; nullopt: no filter
};

/** `GET /gpu/stats`: `{gpu_count, gpus, timestamp}` or the error dict. */
std::string render_gpu_stats(const collect::snapshot& s, const gpu_statistics_settings& settings,
                             collect::wall_clock::time_point now);
/** `GET /gpu/count`: `{gpu_count, timestamp}`; timestamp null on error. */
std::string render_gpu_count(const collect::snapshot& s, const gpu_statistics_settings& settings,
                             collect::wall_clock::time_point now);
/** `GET /gpu/summary`: totals and per-GPU percentages, or the error dict unchanged. */
std::string render_gpu_summary(const collect::snapshot& s, const gpu_statistics_settings& settings,
                               collect::wall_clock::time_point now);

}  // namespace smistat::render
