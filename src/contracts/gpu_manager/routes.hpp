#pragma once
// Contract 003, GPUManager (gonka mlnode): its routes (docs/contracts/gpu_manager.md).

#include "src/contracts/kit/route_kit.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** Registers `/api/v1/gpu/devices` and `/api/v1/gpu/driver`, and both again under `/api/gpu/`
 *  (the older spelling its documentation uses). */
void add_gpu_manager_routes(http::router& r, snapshot_source data);

}  // namespace smistat::contracts
