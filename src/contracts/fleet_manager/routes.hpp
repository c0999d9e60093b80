#pragma once
// Contract 002, the GPU Fleet Manager: its routes (docs/contracts/fleet_manager.md).

#include "src/contracts/kit/route_kit.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** Registers `/api/v1/gpu-metrics`, `/api/v1/health` and `/api/v1/metrics`, each also under
 *  `/api/v1/monitoring/`: the original's code serves the first, its documentation and tests
 *  call the second. `/api/v1/metrics` shows the host's figures and tells `readers`. */
void add_fleet_manager_routes(http::router& r, snapshot_source data, current_snapshot current,
                              host_readers readers);

}  // namespace smistat::contracts
