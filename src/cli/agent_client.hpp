#pragma once
// `smistat list --server URL`: reads `/gpu_status` of a running smistat (or an nvgpu agent)
// with the server's own HTTP client, and turns the agent JSON back into the nvgpu model.

#include <chrono>
#include <string>
#include <vector>

#include "src/contracts/nvgpu/nvgpu_status.hpp"

namespace smistat::cli {

/** What an agent said about its machine. */
struct agent_report {
  std::string hostname;
  std::vector<render::nvgpu_device> devices;
  std::string body;  ///< the JSON as received
};

/** GETs `<url>/gpu_status` (`http(s)://host[:port][/prefix]`), with `timeout` for name lookup
 *  plus connect and again for the answer; https is verified against the system's CA store.
 *  Throws std::runtime_error with one line for a bad URL, an unreachable server, a server that
 *  does not answer in time, a status other than 200 or a body that is not the agent JSON. */
agent_report fetch_agent_report(const std::string& url, std::chrono::milliseconds timeout);

/** Reads an agent JSON body; throws std::runtime_error when it is not one. Unknown keys are
 *  ignored and missing ones read as unknown, so any nvgpu agent's answer is accepted. */
agent_report parse_agent_report(const std::string& body);

}  // namespace smistat::cli
