#include "src/app/routes.hpp"

#include <utility>
#include <vector>

#include "src/contracts/fleet_manager/routes.hpp"
#include "src/contracts/gpu_manager/routes.hpp"
#include "src/contracts/gpu_metrics_api/api_keys.hpp"
#include "src/contracts/gpu_metrics_api/routes.hpp"
#include "src/contracts/gpu_statistics/routes.hpp"
#include "src/contracts/nvgpu/routes.hpp"
#include "src/contracts/prometheus/routes.hpp"
#include "src/contracts/smistat/api_description_routes.hpp"
#include "src/contracts/smistat/routes.hpp"

namespace smistat::app {

std::shared_ptr<const http::router> make_routes(const config& cfg, route_inputs in) {
  http::router_options options;
  options.cors = cfg.enable_cors;
  if (cfg.apply_api_prefix) options.api_prefix = cfg.api_prefix;
  auto r = std::make_shared<http::router>(options);
  // Every contract smistat serves, one line each (docs/contracts/).
  contracts::add_gpu_statistics_routes(*r, cfg, in.data, in.current, in.bound_port, in.activity,
                                       in.xid, in.kubernetes);
  contracts::add_gpu_manager_routes(*r, in.data);
  contracts::add_gpu_metrics_api_routes(*r, cfg, in.data_with_processes, in.current,
                                        std::move(in.feed), in.history, in.host_readers);
  contracts::add_fleet_manager_routes(*r, in.data, in.current, in.host_readers);
  contracts::add_nvgpu_routes(*r, cfg, in.data_with_processes, in.executor, std::move(in.self));
  contracts::add_smistat_routes(*r, cfg, in.current, std::move(in.samples));
  contracts::add_metrics_route(*r, cfg, in.current, std::move(in.server_stats), in.xid,
                               in.kubernetes);
  // Last: the description lists every route registered before it.
  contracts::add_api_description_routes(*r, cfg);
  // Orchestrators probe without a key, so the probes stay open unless asked otherwise.
  if (cfg.auth_all)
    protect_all_routes(*r, std::make_shared<const api_keys>(api_keys::from_config(cfg)),
                       cfg.auth_probes ? std::vector<std::string>{} : contracts::probe_paths());
  return r;
}

}  // namespace smistat::app
