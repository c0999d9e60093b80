#include "src/app/cluster_routes.hpp"

#include <atomic>
#include <cmath>

#include "src/http/query.hpp"
#include "src/render/gpu_history.hpp"
#include "src/render/json_writer.hpp"
#include "src/render/nvgpu_agent.hpp"
#include "src/system/host_name.hpp"

namespace smistat::app {
namespace {

std::chrono::steady_clock::duration seconds(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s));
}

void add_cluster_status(http::router& r, const config& cfg, agent_snapshot_source data,
                        const cluster_inputs& in) {
  cluster_poller_options options;
  options.agents = cfg.agents;
  options.cache_for = seconds(cfg.refresh_interval);
  auto poller =
      std::make_shared<cluster_poller>(in.executor, std::move(options), std::move(data), in.self);
  r.add_async("/cluster_status", [poller](const http::request&, http::responder answer) {
    poller->get([answer](std::shared_ptr<const cluster_report> report) {
      // Aliases the report: the body lives as long as the report, with no copy.
      answer(http::json_response(200, std::shared_ptr<const std::string>(report, &report->status)));
    });
  });
  // nvgpu's own page (its GET /, which is the 000 contract's here): every agent's table.
  r.add_async("/ui/table", [poller](const http::request&, http::responder answer) {
    poller->get([answer](std::shared_ptr<const cluster_report> report) {
      http::response res;
      res.content_type = "text/html; charset=utf-8";
      res.body = std::shared_ptr<const std::string>(report, &report->page);
      answer(std::move(res));
    });
  });
}

/** The no-`since` body of one ring version, so polling dashboards share one rendering. */
struct history_cache {
  std::uint64_t version = 0;
  std::shared_ptr<const std::string> body;
};

void add_gpu_history(http::router& r, const config& cfg,
                     std::shared_ptr<const gpu_history_ring> ring) {
  const render::gpu_history_settings settings{cfg.max_history, cfg.refresh_interval};
  auto cache = std::make_shared<std::atomic<std::shared_ptr<const history_cache>>>();
  r.add("/gpu/history", [=](const http::request& req) {
    std::optional<double> since;
    if (auto text = http::query_value(req.query, "since")) {
      since = http::parse_python_float(*text);
      if (!since || !std::isfinite(*since))
        return http::detail_response(422, "since: expected a number of unix seconds");
    }
    const history_window window = ring ? ring->window() : history_window{};
    if (since)
      return http::json_response(200, render::render_gpu_history(window.samples, settings, since));
    auto cached = cache->load(std::memory_order_acquire);
    if (!cached || cached->version != window.version) {
      cached = std::make_shared<const history_cache>(
          history_cache{window.version, std::make_shared<const std::string>(
                                            render::render_gpu_history(window.samples, settings))});
      cache->store(cached, std::memory_order_release);
    }
    return http::json_response(200, cached->body);
  });
}

}  // namespace

self_agent this_machine_agent() {
  return [hostname = system::host_name()](const collect::snapshot& s) {
    // Before any GPU data, nvgpu's own `self` would raise and fail the whole list; one error
    // entry keeps the other agents' answers.
    if (!s.has_data()) {
      const auto& e = s.health.last_error;
      return render::agent_answer{e ? e->kind + ": " + e->message : "no GPU data yet", ""};
    }
    return render::agent_answer{
        std::nullopt,
        render::render_nvgpu_agent(s, hostname, s.sampled_at.value_or(collect::wall_clock::now()))};
  };
}

void add_cluster_routes(http::router& r, const config& cfg, agent_snapshot_source data,
                        cluster_inputs in) {
  add_cluster_status(r, cfg, std::move(data), in);
  add_gpu_history(r, cfg, std::move(in.history));
}

}  // namespace smistat::app
