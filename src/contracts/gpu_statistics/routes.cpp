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
                               std::function<render::collection_activity()> activity) {
  auto settings =
      std::make_shared<const render::gpu_statistics_settings>(gpu_statistics_settings_from(cfg));
  auto home = std::make_shared<const std::string>(
      render::render_home(snapshot{}, *settings, wall_clock::now()));
  r.add("/", app::dashboard_for_browsers(
                 r, [home](const http::request&) { return http::json_response(200, home); }));
  r.add_async("/gpu/stats", cached_stats(data, settings, &render::render_gpu_stats));
  r.add_async("/gpu/count", cached_stats(data, settings, &render::render_gpu_count));
  r.add_async("/gpu/summary", cached_stats(data, settings, &render::render_gpu_summary));
  // /health and /config carry the time of the request, so they are rendered each time; they
  // never wait for nvidia-smi.
  r.add("/health", [settings, current, activity](const http::request&) {
    // Read after the snapshot: a run the snapshot does not know of yet still shows as in flight.
    const auto s = current();
    std::optional<render::collection_activity> live;
    if (activity) live = activity();
    return http::json_response(200, render::render_health(*s, *settings, wall_clock::now(), live));
  });
  r.add_async(
      "/config", [settings, data, bound_port](const http::request&, http::responder answer) {
        data([settings, bound_port, answer](const collect::snapshot_ptr& s) {
          answer(http::json_response(
              200, render::render_config(*s, as_bound(*settings, bound_port), wall_clock::now())));
        });
      });
}

}  // namespace smistat::contracts
