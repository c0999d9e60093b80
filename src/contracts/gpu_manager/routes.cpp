#include "src/contracts/gpu_manager/routes.hpp"

#include <string>
#include <utility>

#include "src/contracts/gpu_manager/gpu_manager.hpp"

namespace smistat::contracts {
namespace {

constexpr http::route_doc devices_doc{
    .summary = "List GPU devices",
    .tag = "GPUManager",
    .schema =
        R"({"type":"object","properties":{"devices":{"type":"array","items":{"type":"object","properties":{"index":{"type":"integer"},"name":{"type":"string"},"total_memory_mb":{"type":"integer","nullable":true},"free_memory_mb":{"type":"integer","nullable":true},"used_memory_mb":{"type":"integer","nullable":true},"utilization_percent":{"type":"integer","nullable":true},"temperature_c":{"type":"integer","nullable":true},"is_available":{"type":"boolean"},"error_message":{"type":"string","nullable":true}}}},"count":{"type":"integer"}}})"};

constexpr http::route_doc driver_doc{
    .summary = "Driver, CUDA and NVML versions",
    .tag = "GPUManager",
    .schema =
        R"({"type":"object","properties":{"driver_version":{"type":"string"},"cuda_driver_version":{"type":"string"},"nvml_version":{"type":"string"}}})"};

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
    r.add_async(std::string(prefix) + "/devices", cached_manager(data, &render::render_gpu_devices),
                devices_doc);
    r.add_async(std::string(prefix) + "/driver", cached_manager(data, &render::render_gpu_driver),
                driver_doc);
  }
}

}  // namespace smistat::contracts
