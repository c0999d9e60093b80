#include "src/contracts/gpu_manager/routes.hpp"

#include <string>
#include <utility>

#include "src/contracts/gpu_manager/gpu_manager.hpp"

namespace smistat::contracts {
namespace {

using collect::snapshot;
using manager_renderer = render::rendered_response (*)(const snapshot&,
                                                       collect::wall_clock::time_point);

/** A 003 route (status included: /driver may be 503). */
http::async_handler cached_manager(snapshot_source data, manager_renderer render) {
  return cached(std::move(data), [render](const snapshot& s) {
    auto r = render(s, sample_time(s));
    return http::json_response(r.status, std::move(r.body));
  });
}

}  // namespace

void add_gpu_manager_routes(http::router& r, snapshot_source data) {
  for (const char* prefix : {"/api/v1/gpu", "/api/gpu"}) {
    r.add_async(std::string(prefix) + "/devices",
                cached_manager(data, &render::render_gpu_devices));
    r.add_async(std::string(prefix) + "/driver", cached_manager(data, &render::render_gpu_driver));
  }
}

}  // namespace smistat::contracts
