#pragma once
// The nvgpu contract for this machine (docs/contracts/nvgpu.md): the agent's `GET /gpu_status`. The
// master's views of every agent (/cluster_status, the table page /ui/table) are cluster_routes.

#include "src/app/routes.hpp"
#include "src/http/router.hpp"

namespace smistat::app {

/** Adds `/gpu_status`, rendered once per snapshot generation. Before any GPU data exists
 *  (nvidia-smi missing or failing since the start), it answers as flask_restful does when a
 *  resource fails: 500 `{"message": "Internal Server Error"}`; later failures serve the last
 *  data. */
void add_nvgpu_routes(http::router& r, snapshot_source data);

}  // namespace smistat::app
