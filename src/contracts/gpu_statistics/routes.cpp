#include "src/contracts/gpu_statistics/routes.hpp"

#include <memory>
#include <string>
#include <utility>

#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/contracts/gpu_statistics/settings.hpp"
#include "src/contracts/smistat/ui_routes.hpp"

namespace smistat::contracts {
namespace {

using collect::snapshot;
using collect::wall_clock;

// What /openapi.json says about each route; the schemas name the keys and JSON types exactly as
// the contract fixes them (ints stay integers; clients check).
constexpr http::route_doc home_doc{.summary = "This help message",
                                   .tag = "GPU Statistics Server",
                                   .schema = R"({"type":"object"})"};

constexpr http::route_doc stats_doc{
    .summary = "Get detailed GPU statistics",
    .tag = "GPU Statistics Server",
    .schema =
        R"({"type":"object","properties":{"gpu_count":{"type":"integer"},"gpus":{"type":"array","items":{"type":"object","properties":{"gpu_id":{"type":"integer"},"name":{"type":"string"},"memory":{"type":"object","properties":{"total_mb":{"type":"integer"},"used_mb":{"type":"integer"},"free_mb":{"type":"integer"},"usage_percent":{"type":"number"}}},"utilization_percent":{"type":"integer"},"temperature_c":{"type":"integer","nullable":true},"power":{"type":"object","properties":{"draw_w":{"type":"number","nullable":true},"limit_w":{"type":"number","nullable":true}}}}}},"timestamp":{"type":"string"},"error":{"type":"string"}}})"};

constexpr http::route_doc count_doc{
    .summary = "Get number of installed GPUs",
    .tag = "GPU Statistics Server",
    .schema =
        R"({"type":"object","properties":{"gpu_count":{"type":"integer"},"timestamp":{"type":"string","nullable":true}}})"};

constexpr http::route_doc summary_doc{
    .summary = "Get summary of GPU usage",
    .tag = "GPU Statistics Server",
    .schema =
        R"({"type":"object","properties":{"gpu_count":{"type":"integer"},"total_memory_mb":{"type":"integer"},"total_used_memory_mb":{"type":"integer"},"average_utilization_percent":{"type":"number"},"gpus_summary":{"type":"array","items":{"type":"object","properties":{"gpu_id":{"type":"integer"},"name":{"type":"string"},"memory_usage_percent":{"type":"number"},"utilization_percent":{"type":"integer"}}}},"total_memory_usage_percent":{"type":"number"},"timestamp":{"type":"string"}}})"};

constexpr http::route_doc health_doc{
    .summary = "Health check endpoint",
    .tag = "GPU Statistics Server",
    .schema =
        R"({"type":"object","properties":{"status":{"type":"string","enum":["healthy","degraded"]},"nvidia_smi_available":{"type":"boolean"},"timestamp":{"type":"string"},"collection":{"type":"object"}}})"};

constexpr http::route_doc config_doc{.summary = "Get server configuration",
                                     .tag = "GPU Statistics Server",
                                     .schema = R"({"type":"object"})"};

using stats_renderer = std::string (*)(const snapshot&, const render::gpu_statistics_settings&,
                                       wall_clock::time_point);

/** A 000 route: always 200 JSON. */
http::async_handler cached_stats(snapshot_source data,
                                 std::shared_ptr<const render::gpu_statistics_settings> settings,
                                 stats_renderer render) {
  return cached(std::move(data), [settings, render](const snapshot& s) {
    return http::json_response(200, render(s, *settings, sample_time(s)));
  });
}

/** The settings /config reports, with the port actually bound: under `--port 0` the kernel
 *  chose it, and it is the only port a client can reach (the original only ever bound what it
 *  was told, so its report was always the bound port). */
render::gpu_statistics_settings as_bound(const render::gpu_statistics_settings& settings,
                                         const std::function<std::uint16_t()>& bound_port) {
  render::gpu_statistics_settings shown = settings;
  if (shown.port == 0 && bound_port) shown.port = bound_port();
  return shown;
}

}  // namespace

void add_gpu_statistics_routes(http::router& r, const config& cfg, snapshot_source data,
                               current_snapshot current, std::function<std::uint16_t()> bound_port,
                               std::function<render::collection_activity()> activity,
                               current_xid_report xid, current_kubernetes_report pods) {
  auto settings =
      std::make_shared<const render::gpu_statistics_settings>(gpu_statistics_settings_from(cfg));
  auto home = std::make_shared<const std::string>(
      render::render_home(snapshot{}, *settings, wall_clock::now()));
  r.add("/",
        app::dashboard_for_browsers(
            r, [home](const http::request&) { return http::json_response(200, home); }),
        home_doc);
  r.add_async("/gpu/stats", cached_stats(data, settings, &render::render_gpu_stats), stats_doc);
  r.add_async("/gpu/count", cached_stats(data, settings, &render::render_gpu_count), count_doc);
  r.add_async("/gpu/summary", cached_stats(data, settings, &render::render_gpu_summary),
              summary_doc);
  // /health and /config carry the time of the request, so they are rendered each time; they
  // never wait for nvidia-smi.
  r.add(
      "/health",
      [settings, current, activity, xid, pods](const http::request&) {
        // Read after the snapshot: a run the snapshot does not know of yet still shows as in
        // flight.
        const auto s = current();
        std::optional<render::collection_activity> live;
        if (activity) live = activity();
        const auto xids = xid ? xid() : nullptr;
        const auto allocation = pods ? pods() : nullptr;
        return http::json_response(200, render::render_health(*s, *settings, wall_clock::now(),
                                                              live, xids.get(), allocation.get()));
      },
      health_doc);
  r.add_async(
      "/config",
      [settings, data, bound_port](const http::request&, http::responder answer) {
        data([settings, bound_port, answer](const collect::snapshot_ptr& s) {
          answer(http::json_response(
              200, render::render_config(*s, as_bound(*settings, bound_port), wall_clock::now())));
        });
      },
      config_doc);
}

}  // namespace smistat::contracts
