#include "src/contracts/gpu_metrics_api/routes.hpp"

#include <string>
#include <utility>

#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"
#include "src/contracts/gpu_metrics_api/typescript_types.hpp"

namespace smistat::contracts {
namespace {

// What /openapi.json says about each route.
constexpr http::route_doc gpu_doc{
    .summary = "Every GPU with derived figures, trends, peaks and top processes, and the host",
    .tag = "GPU Metrics API",
    .schema =
        R"({"type":"object","properties":{"timestamp":{"type":"string"},"system_info":{"type":"object"},"gpu_count":{"type":"integer"},"gpus":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"timestamp":{"type":"string"},"name":{"type":"string"},"memory":{"type":"object"},"utilization":{"type":"object"},"power":{"type":"object"},"clocks":{"type":"object"},"pcie":{"type":"object"},"throttling":{"type":"object"},"status":{"type":"string"},"top_processes":{"type":"array","items":{"type":"object"}}}}}}})"};

constexpr http::route_doc types_doc{.summary = "TypeScript types of the /gpu answer",
                                    .tag = "GPU Metrics API",
                                    .schema = {},
                                    .content_type = "application/typescript"};

}  // namespace

void add_gpu_metrics_api_routes(http::router& r, const config& cfg, snapshot_source data,
                                current_snapshot current, app::publish_feed feed,
                                std::shared_ptr<history::gpu_trend_history> history,
                                host_readers readers) {
  // rate_of_change and peak_values advance once per generation, inside the cached rendering.
  auto render_gpu = [history](const collect::snapshot& s) {
    return render::render_gpu_metrics(s, sample_time(s), history->update(s));
  };
  r.add_async("/gpu", cached_json(showing_host(std::move(data), readers), render_gpu), gpu_doc);
  r.add(
      "/types",
      [](const http::request&) {
        http::response res;
        res.content_type = "application/typescript";
        res.body = std::make_shared<const std::string>(render::typescript_types());
        res.headers.push_back(
            {"content-disposition",
             "attachment; filename=\"" + std::string(render::typescript_types_filename) + "\""});
        return res;
      },
      types_doc);
  // Each event a stream sends shows the host too.
  auto render_event = [render_gpu, readers](const collect::snapshot& s) {
    if (readers) readers();
    return render_gpu(s);
  };
  app::add_stream_route(r, cfg, std::move(current), std::move(feed), render_event);
}

}  // namespace smistat::contracts
