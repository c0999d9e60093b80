#include "src/contracts/smistat/routes.hpp"

#include <atomic>
#include <cmath>
#include <optional>
#include <utility>

#include "src/contracts/smistat/gpu_history.hpp"
#include "src/contracts/smistat/ui_routes.hpp"
#include "src/http/query.hpp"

namespace smistat::contracts {
namespace {

constexpr const char* healthy_path = "/-/healthy";
constexpr const char* ready_path = "/-/ready";

constexpr http::route_doc healthy_doc{.summary = "Liveness probe (always 200 OK)",
                                      .tag = "smistat",
                                      .schema = R"({"type":"string"})",
                                      .content_type = "text/plain"};

constexpr http::route_doc ready_doc{
    .summary = "Readiness probe (200 once a first GPU sample exists, else 503)",
    .tag = "smistat",
    .schema = R"({"type":"string"})",
    .content_type = "text/plain"};

constexpr http::route_doc history_doc{
    .summary = "Recent samples per GPU for charts (?since=<unix seconds> for newer ones)",
    .tag = "smistat",
    .schema =
        R"({"type":"object","properties":{"max_history":{"type":"integer"},"interval_seconds":{"type":"number"},"timestamps":{"type":"array","items":{"type":"number"}},"gpus":{"type":"array","items":{"type":"object","properties":{"index":{"type":"integer"},"uuid":{"type":"string","nullable":true},"name":{"type":"string"},"memory_total_mb":{"type":"integer","nullable":true},"utilization_percent":{"type":"array","items":{"type":"integer","nullable":true}},"memory_used_mb":{"type":"array","items":{"type":"integer","nullable":true}},"temperature_c":{"type":"array","items":{"type":"integer","nullable":true}},"power_w":{"type":"array","items":{"type":"number","nullable":true}}}}}}})"};

void add_probes(http::router& r, current_snapshot current) {
  r.add(
      healthy_path, [](const http::request&) { return http::text_response(200, "OK"); },
      healthy_doc, http::prefix_policy::skip);
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
      ready_doc, http::prefix_policy::skip);
}

/** The no-`since` body of one ring version, so polling dashboards share one rendering. */
struct history_cache {
  std::uint64_t version = 0;
  std::shared_ptr<const std::string> body;
};

void add_gpu_history(http::router& r, const config& cfg,
                     std::shared_ptr<const history::gpu_history_ring> ring) {
  const render::gpu_history_settings settings{cfg.max_history, cfg.refresh_interval};
  auto cache = std::make_shared<std::atomic<std::shared_ptr<const history_cache>>>();
  r.add(
      "/gpu/history",
      [=](const http::request& req) {
        std::optional<double> since;
        if (auto text = http::query_value(req.query, "since")) {
          since = http::parse_python_float(*text);
          if (!since || !std::isfinite(*since))
            return http::detail_response(422, "since: expected a number of unix seconds");
        }
        const history::history_window window = ring ? ring->window() : history::history_window{};
        if (since)
          return http::json_response(200,
                                     render::render_gpu_history(window.samples, settings, since));
        auto cached = cache->load(std::memory_order_acquire);
        if (!cached || cached->version != window.version) {
          cached = std::make_shared<const history_cache>(history_cache{
              window.version, std::make_shared<const std::string>(
                                  render::render_gpu_history(window.samples, settings))});
          cache->store(cached, std::memory_order_release);
        }
        return http::json_response(200, cached->body);
      },
      history_doc);
}

}  // namespace

std::vector<std::string> probe_paths() { return {healthy_path, ready_path}; }

void add_smistat_routes(http::router& r, const config& cfg, current_snapshot current,
                        std::shared_ptr<const history::gpu_history_ring> history) {
  add_probes(r, std::move(current));
  app::add_ui_routes(r);
  add_gpu_history(r, cfg, std::move(history));
}

}  // namespace smistat::contracts
