#include "src/contracts/gpu_metrics_api/routes.hpp"

#include <string>
#include <utility>

#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"
#include "src/contracts/gpu_metrics_api/typescript_types.hpp"

namespace smistat::contracts {

void add_gpu_metrics_api_routes(http::router& r, const config& cfg, snapshot_source data,
                                current_snapshot current, app::publish_feed feed,
                                std::shared_ptr<render::gpu_metrics_history> history) {
  // rate_of_change and peak_values advance once per generation, inside the cached rendering.
  auto render_gpu = [history](const collect::snapshot& s) {
    return render::render_gpu_metrics(s, sample_time(s), history->update(s));
  };
  r.add_async("/gpu", cached_json(std::move(data), render_gpu));
  r.add("/types", [](const http::request&) {
    http::response res;
    res.content_type = "application/typescript";
    res.body = std::make_shared<const std::string>(render::typescript_types());
    res.headers.push_back(
        {"content-disposition",
         "attachment; filename=\"" + std::string(render::typescript_types_filename) + "\""});
    return res;
  });
  app::add_stream_route(r, cfg, std::move(current), std::move(feed), render_gpu);
}

}  // namespace smistat::contracts
