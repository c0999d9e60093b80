#pragma once
// nvgpu's agent JSON, `GET /gpu_status` (docs/contracts/nvgpu.md): flask_restful's
// `json.dumps` with `", "`/`": "` separators, ASCII-only, and a trailing newline.

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "src/collect/snapshot.hpp"
#include "src/contracts/nvgpu/nvgpu_status.hpp"

namespace smistat::render {

/** `{"hostname": ..., "gpus": [device_status...]}` for this machine, "since" measured from
 *  `now`. Each GPU has the 2018 keys plus `memory` in bytes, in this order: type,
 *  is_available, pids, users, running_since, utilization, memory, clock_mhz, temperature, cmd. */
std::string render_nvgpu_agent(const collect::snapshot& s, std::string_view hostname,
                               std::chrono::system_clock::time_point now);

/** The same body from an already computed model. */
std::string render_nvgpu_agent(std::span<const nvgpu_device> devices, std::string_view hostname);

/** flask_restful's answer when a resource fails: `{"message": "Internal Server Error"}` and a
 *  newline, sent with status 500. */
std::string render_nvgpu_error(std::string_view message);

}  // namespace smistat::render
