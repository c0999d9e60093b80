#pragma once
// --agents and --agents-file (NVGPU_CLUSTER_CFG) as config values: the list checked agent by
// agent, the file read and parsed, each refusal naming the option, its source and the line.

#include <string>
#include <vector>

#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** The agents of a comma list; throws config_error for an agent that is not self or a URL. */
std::vector<std::string> to_agents(const raw_value& v);

/** The AGENTS of the nvgpu master config at `v.text` (`['self']` when it sets none); throws
 *  config_error naming the file and line when it cannot be read or parsed. */
std::vector<std::string> agents_from_file(const raw_value& v);

}  // namespace smistat::config_detail
