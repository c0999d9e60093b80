#include "src/contracts/fleet_manager/routes.hpp"

#include <string>

#include "src/contracts/fleet_manager/fleet_manager.hpp"

namespace smistat::contracts {

void add_fleet_manager_routes(http::router& r, snapshot_source data, current_snapshot current) {
  using collect::snapshot;
  for (const std::string prefix : {"/api/v1", "/api/v1/monitoring"}) {
    r.add_async(prefix + "/gpu-metrics", cached_json(data, [](const snapshot& s) {
                  return render::render_fleet_gpu_metrics(s, sample_time(s));
                }));
    r.add(prefix + "/health", [current](const http::request&) {
      return http::json_response(
          200, render::render_fleet_health(*current(), collect::wall_clock::now()));
    });
    r.add_async(prefix + "/metrics", cached_json(data, [](const snapshot& s) {
                  return render::render_fleet_system_metrics(s, sample_time(s));
                }));
  }
}

}  // namespace smistat::contracts
