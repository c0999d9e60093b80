#include "src/contracts/nvgpu/routes.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "src/contracts/nvgpu/nvgpu_agent.hpp"
#include "src/system/host_name.hpp"

namespace smistat::contracts {
namespace {

using collect::snapshot;

// What /openapi.json says about each route.
constexpr http::route_doc agent_doc{
    .summary = "nvgpu agent: this machine's GPUs, their processes and users",
    .tag = "nvgpu",
    .schema =
        R"({"type":"object","properties":{"hostname":{"type":"string"},"gpus":{"type":"array","items":{"type":"object","properties":{"type":{"type":"string"},"is_available":{"type":"boolean"},"pids":{"type":"string"},"users":{"type":"string"},"running_since":{"type":"string","nullable":true},"utilization":{"type":"integer","nullable":true},"memory":{"type":"object","properties":{"total":{"type":"integer"},"free":{"type":"integer"},"used":{"type":"integer"}}},"clock_mhz":{"type":"integer","nullable":true},"temperature":{"type":"integer","nullable":true},"cmd":{"type":"string","nullable":true}}}}}})"};

constexpr http::route_doc cluster_doc{
    .summary = "nvgpu master: every agent's GPU status, or its error",
    .tag = "nvgpu",
    .schema = R"({"type":"array","items":{"type":"object"}})"};

constexpr http::route_doc table_doc{.summary = "nvgpu master: every agent's GPUs as one page",
                                    .tag = "nvgpu",
                                    .schema = {},
                                    .content_type = "text/html"};

http::response agent_response(const snapshot& s, const std::string& hostname) {
  if (!s.has_data())
    return http::json_response(500, render::render_nvgpu_error("Internal Server Error"));
  // "since" is measured from the sample, so one generation renders the same every time.
  return http::json_response(200, render::render_nvgpu_agent(s, hostname, sample_time(s)));
}

std::chrono::steady_clock::duration seconds(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s));
}

void add_agent(http::router& r, snapshot_source data) {
  // socket.gethostname() in the original; the name does not change while we serve.
  const auto hostname = std::make_shared<const std::string>(system::host_name());
  r.add_async("/gpu_status",
              cached(std::move(data),
                     [hostname](const snapshot& s) { return agent_response(s, *hostname); }),
              agent_doc);
}

void add_master(http::router& r, const config& cfg, snapshot_source data,
                boost::asio::any_io_executor executor, app::self_agent self) {
  app::cluster_poller_options options;
  options.agents = cfg.agents;
  options.cache_for = seconds(cfg.refresh_interval);
  auto poller = std::make_shared<app::cluster_poller>(std::move(executor), std::move(options),
                                                      std::move(data), std::move(self));
  r.add_async(
      "/cluster_status",
      [poller](const http::request&, http::responder answer) {
        poller->get([answer](std::shared_ptr<const app::cluster_report> report) {
          // Aliases the report: the body lives as long as the report, with no copy.
          answer(http::json_response(200,
                                     std::shared_ptr<const std::string>(report, &report->status)));
        });
      },
      cluster_doc);
  // nvgpu's own page (its GET /, which is the 000 contract's here): every agent's table.
  r.add_async(
      "/ui/table",
      [poller](const http::request&, http::responder answer) {
        poller->get([answer](std::shared_ptr<const app::cluster_report> report) {
          http::response res;
          res.content_type = "text/html; charset=utf-8";
          res.body = std::shared_ptr<const std::string>(report, &report->page);
          answer(std::move(res));
        });
      },
      table_doc);
}

}  // namespace

app::self_agent this_machine_agent() {
  return [hostname = system::host_name()](const collect::snapshot& s) {
    // Before any GPU data, nvgpu's own `self` would raise and fail the whole list; one error
    // entry keeps the other agents' answers.
    if (!s.has_data()) {
      const auto& e = s.health.last_error;
      return render::agent_answer{
          e ? std::string(collect::name_of(e->kind)) + ": " + e->message : "no GPU data yet", ""};
    }
    return render::agent_answer{std::nullopt,
                                render::render_nvgpu_agent(s, hostname, sample_time(s))};
  };
}

void add_nvgpu_routes(http::router& r, const config& cfg, snapshot_source data,
                      boost::asio::any_io_executor executor, app::self_agent self) {
  add_agent(r, data);
  add_master(r, cfg, std::move(data), std::move(executor), std::move(self));
}

}  // namespace smistat::contracts
