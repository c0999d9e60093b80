#pragma once
// The nvgpu contract for this machine (api-contracts §5.4): the agent's `GET /gpu_status` and
// the coloured table page its web app shows for AGENTS=['self'], served at `/ui/table`.

#include "src/app/routes.hpp"
#include "src/http/router.hpp"

namespace smistat::app {

/** Adds `/gpu_status` and `/ui/table`, rendered once per snapshot generation. Before any GPU
 *  data exists (nvidia-smi missing or failing since the start), `/gpu_status` answers as
 *  flask_restful does when a resource fails: 500 `{"message": "Internal Server Error"}`, and
 *  `/ui/table` a 500 page naming the collection error; later failures serve the last data. */
void add_nvgpu_routes(http::router& r, snapshot_source data);

}  // namespace smistat::app
