#pragma once
// Reads an nvgpu agent's JSON (`GET /gpu_status`) back into the nvgpu model, so a master (or
// `smistat list --server`) draws a remote machine's table exactly as a local one.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "src/contracts/nvgpu/nvgpu_status.hpp"

namespace smistat::render {

/** What an agent said about its machine. */
struct nvgpu_agent_report {
  std::string hostname;
  std::vector<nvgpu_device> devices;  ///< without index and uuid, which the JSON does not carry
};

/** Parses an agent body; throws std::runtime_error (one line) when it is not the agent JSON.
 *  Unknown keys are ignored and missing ones read as unknown, so the seed's agents (no
 *  `memory`) and smistat's are both accepted. */
nvgpu_agent_report read_nvgpu_agent(std::string_view body);

}  // namespace smistat::render
