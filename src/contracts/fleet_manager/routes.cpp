#include "src/contracts/fleet_manager/routes.hpp"

#include <string>

#include "src/contracts/fleet_manager/fleet_manager.hpp"

namespace smistat::contracts {
namespace {

// What /openapi.json says about each route.
constexpr http::route_doc gpu_metrics_doc{
    .summary = "Every GPU's utilisation, memory, temperature, power and clocks",
    .tag = "Fleet Manager",
    .schema =
        R"({"type":"object","properties":{"timestamp":{"type":"string"},"gpus":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},"uuid":{"type":"string"},"utilization":{"type":"integer","nullable":true},"memory":{"type":"object","properties":{"total":{"type":"integer","nullable":true},"used":{"type":"integer","nullable":true},"free":{"type":"integer","nullable":true}}},"temperature":{"type":"integer","nullable":true},"power_usage":{"type":"number","nullable":true},"clock_speeds":{"type":"object","properties":{"graphics":{"type":"integer","nullable":true},"memory":{"type":"integer","nullable":true}}}}}}}})"};

constexpr http::route_doc health_doc{
    .summary = "Service health",
    .tag = "Fleet Manager",
    .schema =
        R"({"type":"object","properties":{"status":{"type":"string"},"timestamp":{"type":"string"},"version":{"type":"string"}}})"};

constexpr http::route_doc system_doc{
    .summary = "Host CPU, memory and disk",
    .tag = "Fleet Manager",
    .schema =
        R"({"type":"object","properties":{"timestamp":{"type":"string"},"system":{"type":"object","properties":{"cpu_percent":{"type":"number"},"memory":{"type":"object","properties":{"total":{"type":"integer"},"available":{"type":"integer"},"percent":{"type":"number"}}},"disk":{"type":"object","properties":{"total":{"type":"integer"},"used":{"type":"integer"},"free":{"type":"integer"},"percent":{"type":"number"}}}}}}})"};

}  // namespace

void add_fleet_manager_routes(http::router& r, snapshot_source data, current_snapshot current,
                              host_readers readers) {
  using collect::snapshot;
  const snapshot_source system_data = showing_host(data, std::move(readers));
  for (const std::string prefix : {"/api/v1", "/api/v1/monitoring"}) {
    r.add_async(prefix + "/gpu-metrics",
                cached_json(data,
                            [](const snapshot& s) {
                              return render::render_fleet_gpu_metrics(s, sample_time(s));
                            }),
                gpu_metrics_doc);
    r.add(
        prefix + "/health",
        [current](const http::request&) {
          return http::json_response(
              200, render::render_fleet_health(*current(), collect::wall_clock::now()));
        },
        health_doc);
    r.add_async(prefix + "/metrics",
                cached_json(system_data,
                            [](const snapshot& s) {
                              return render::render_fleet_system_metrics(s, sample_time(s));
                            }),
                system_doc);
  }
}

}  // namespace smistat::contracts
