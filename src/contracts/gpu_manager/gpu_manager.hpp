#pragma once
// Bodies of contract 003, GPUManager (gonka mlnode): `/api/v1/gpu/devices` and
// `/api/v1/gpu/driver`. Every GPU is listed (CUDA_VISIBLE_DEVICES does not apply, as with NVML).

#include <string>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** A status code with its JSON body. */
struct rendered_response {
  unsigned status = 200;
  std::string body;
};

/** `GET /api/v1/gpu/devices`: `{"devices":[...],"count":n}`; lost GPUs appear with
 *  `is_available:false`; no data gives an empty list (never an error). */
rendered_response render_gpu_devices(const collect::snapshot& s,
                                     collect::wall_clock::time_point now);

/** `GET /api/v1/gpu/driver`: versions, or 503 with FastAPI's `detail` when there is no data. */
rendered_response render_gpu_driver(const collect::snapshot& s,
                                    collect::wall_clock::time_point now);

}  // namespace smistat::render
