#include "src/app/routes.hpp"

#include "src/app/api_description.hpp"
#include "src/app/api_keys.hpp"
#include "src/app/body_cache.hpp"
#include "src/app/metrics_route.hpp"
#include "src/app/nvgpu_routes.hpp"
#include "src/app/render_settings.hpp"
#include "src/app/ui_routes.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/render/fleet_manager.hpp"
#include "src/render/gpu_manager.hpp"
#include "src/render/gpu_metrics_api.hpp"
#include "src/render/gpu_metrics_api_history.hpp"
#include "src/render/gpu_statistics_server.hpp"
#include "src/render/gpu_statistics_status.hpp"
#include "src/render/typescript_types.hpp"

namespace smistat::app {
namespace {

using collect::snapshot;
using collect::wall_clock;

/** The instant a cached body describes: the sample's time, so bodies do not drift between
 *  renderings of one generation. */
wall_clock::time_point sample_time(const snapshot& s) {
  return s.sampled_at.value_or(wall_clock::now());
}

using stats_renderer = std::string (*)(const snapshot&, const render::gpu_statistics_settings&,
                                       wall_clock::time_point);
using manager_renderer = render::rendered_response (*)(const snapshot&, wall_clock::time_point);

/** A route answered from `respond(snapshot)`, rendered once per snapshot generation. It
 *  answers when `data` has the snapshot: at once, or (first sample, on demand) later, from the
 *  collector's thread, with no HTTP thread waiting meanwhile. */
template <class Respond>
http::async_handler cached(snapshot_source data, Respond respond) {
  auto cache = std::make_shared<body_cache>();
  return [=](const http::request&, http::responder answer) {
    data([cache, respond, answer](const collect::snapshot_ptr& s) {
      answer(cache->get(s, respond));
    });
  };
}

/** A 000 route: always 200 JSON. */
http::async_handler cached_stats(snapshot_source data,
                                 std::shared_ptr<const render::gpu_statistics_settings> settings,
                                 stats_renderer render) {
  return cached(std::move(data), [settings, render](const snapshot& s) {
    return http::json_response(200, render(s, *settings, sample_time(s)));
  });
}

/** A 003 route (status included: /driver may be 503). */
http::async_handler cached_manager(snapshot_source data, manager_renderer render) {
  return cached(std::move(data), [render](const snapshot& s) {
    auto r = render(s, sample_time(s));
    return http::json_response(r.status, std::move(r.body));
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

void add_statistics_server(http::router& r, const config& cfg, snapshot_source data,
                           std::function<collect::snapshot_ptr()> current,
                           std::function<std::uint16_t()> bound_port) {
  auto settings =
      std::make_shared<const render::gpu_statistics_settings>(gpu_statistics_settings_from(cfg));
  auto home = std::make_shared<const std::string>(
      render::render_home(snapshot{}, *settings, wall_clock::now()));
  r.add("/", dashboard_for_browsers(
                 r, [home](const http::request&) { return http::json_response(200, home); }));
  r.add_async("/gpu/stats", cached_stats(data, settings, &render::render_gpu_stats));
  r.add_async("/gpu/count", cached_stats(data, settings, &render::render_gpu_count));
  r.add_async("/gpu/summary", cached_stats(data, settings, &render::render_gpu_summary));
  // /health and /config carry the time of the request, so they are rendered each time; they
  // never wait for nvidia-smi.
  r.add("/health", [settings, current](const http::request&) {
    return http::json_response(200,
                               render::render_health(*current(), *settings, wall_clock::now()));
  });
  r.add_async(
      "/config", [settings, data, bound_port](const http::request&, http::responder answer) {
        data([settings, bound_port, answer](const collect::snapshot_ptr& s) {
          answer(http::json_response(
              200, render::render_config(*s, as_bound(*settings, bound_port), wall_clock::now())));
        });
      });
}

void add_gpu_manager(http::router& r, snapshot_source data) {
  for (const char* prefix : {"/api/v1/gpu", "/api/gpu"}) {
    r.add_async(std::string(prefix) + "/devices",
                cached_manager(data, &render::render_gpu_devices));
    r.add_async(std::string(prefix) + "/driver", cached_manager(data, &render::render_gpu_driver));
  }
}

/** A route rendered once per generation from a body-only renderer; always 200 JSON. */
template <class Render>
http::async_handler cached_json(snapshot_source data, Render render) {
  return cached(std::move(data),
                [render](const snapshot& s) { return http::json_response(200, render(s)); });
}

void add_gpu_metrics_api(http::router& r, snapshot_source data,
                         std::shared_ptr<render::gpu_metrics_history> history) {
  // rate_of_change and peak_values advance once per generation, inside the cached rendering.
  r.add_async("/gpu", cached_json(data, [history](const snapshot& s) {
                return render::render_gpu_metrics(s, sample_time(s), history->update(s));
              }));
  r.add("/types", [](const http::request&) {
    http::response res;
    res.content_type = "application/typescript";
    res.body = std::make_shared<const std::string>(render::typescript_types());
    res.headers.push_back(
        {"content-disposition",
         "attachment; filename=\"" + std::string(render::typescript_types_filename) + "\""});
    return res;
  });
}

void add_fleet_manager(http::router& r, snapshot_source data,
                       std::function<collect::snapshot_ptr()> current) {
  // The code serves /api/v1/...; its docs and tests use /api/v1/monitoring/...: both
  // (docs/contracts/fleet_manager.md).
  for (const std::string prefix : {"/api/v1", "/api/v1/monitoring"}) {
    r.add_async(prefix + "/gpu-metrics", cached_json(data, [](const snapshot& s) {
                  return render::render_fleet_gpu_metrics(s, {}, sample_time(s));
                }));
    r.add(prefix + "/health", [current](const http::request&) {
      return http::json_response(200,
                                 render::render_fleet_health(*current(), {}, wall_clock::now()));
    });
    r.add_async(prefix + "/metrics", cached_json(data, [](const snapshot& s) {
                  return render::render_fleet_system_metrics(s, {}, sample_time(s));
                }));
  }
}

constexpr const char* healthy_path = "/-/healthy";
constexpr const char* ready_path = "/-/ready";

std::vector<std::string> probe_paths() { return {healthy_path, ready_path}; }

void add_probes(http::router& r, std::function<collect::snapshot_ptr()> current) {
  r.add(
      healthy_path, [](const http::request&) { return http::text_response(200, "OK"); },
      http::prefix_policy::skip);
  r.add(
      ready_path,
      [current](const http::request&) {
        // On demand nothing is sampled until a request asks, so an orchestrator that waits for
        // readiness before sending one would wait forever: there, an answering nvidia-smi is
        // ready enough.
        const auto s = current();
        const bool on_demand_and_answering =
            s->health.mode == "on-demand" && s->health.facts.last_success.has_value();
        return s->has_data() || on_demand_and_answering
                   ? http::text_response(200, "OK")
                   : http::text_response(503, "no GPU sample yet");
      },
      http::prefix_policy::skip);
}

http::handler static_html(std::string html) {
  auto body = std::make_shared<const std::string>(std::move(html));
  return [body](const http::request&) {
    http::response res;
    res.content_type = "text/html; charset=utf-8";
    res.body = body;
    return res;
  };
}

void add_api_description(http::router& r, const config& cfg) {
  auto openapi = std::make_shared<const std::string>(render_openapi(cfg));
  r.add(
      "/openapi.json",
      [openapi](const http::request&) { return http::json_response(200, openapi); },
      http::prefix_policy::skip);
  const docs_sources ui = add_docs_assets(r, cfg.docs_assets_dir);
  if (!cfg.docs_url.empty())
    r.add(cfg.docs_url, static_html(render_swagger_html(cfg, ui)), http::prefix_policy::skip);
  if (!cfg.redoc_url.empty())
    r.add(cfg.redoc_url, static_html(render_redoc_html(cfg, ui)), http::prefix_policy::skip);
}

}  // namespace

std::shared_ptr<const http::router> make_routes(const config& cfg, route_inputs in) {
  http::router_options options;
  options.cors = cfg.enable_cors;
  if (cfg.apply_api_prefix) options.api_prefix = cfg.api_prefix;
  auto r = std::make_shared<http::router>(options);
  add_statistics_server(*r, cfg, in.data, in.current, in.bound_port);
  add_gpu_manager(*r, in.data);
  // /gpu and /gpu/stream share one history; it advances once per published generation (see
  // publish_hooks), so here update() only looks up the trends of the generation rendered.
  add_gpu_metrics_api(*r, in.data_with_processes, in.history);
  add_stream_route(*r, cfg, in.current, std::move(in.feed),
                   [history = in.history](const snapshot& s) {
                     return render::render_gpu_metrics(s, sample_time(s), history->update(s));
                   });
  add_fleet_manager(*r, in.data, in.current);
  add_nvgpu_routes(*r, in.data_with_processes);
  add_probes(*r, in.current);
  add_api_description(*r, cfg);
  add_ui_routes(*r);
  add_metrics_route(*r, cfg, in.current, std::move(in.server_stats));
  add_cluster_routes(*r, cfg, in.data_with_processes, std::move(in.cluster));
  // Orchestrators probe without a key, so the probes stay open unless asked otherwise.
  if (cfg.auth_all)
    protect_all_routes(*r, std::make_shared<const api_keys>(api_keys::from_config(cfg)),
                       cfg.auth_probes ? std::vector<std::string>{} : probe_paths());
  return r;
}

}  // namespace smistat::app
