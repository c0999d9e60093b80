#pragma once
// nvgpu master's HTML view (webapp.py's GET /): per agent in AGENTS order, `host (hostname)`
// and that agent's table, or the host and its error text; ansi2html's document around it.

#include <span>
#include <string>

#include "src/contracts/nvgpu/nvgpu_cluster.hpp"

namespace smistat::render {

/** `agents[i]` answered `answers[i]`. An answer that is not agent JSON shows as its host and
 *  `Bad response (invalid JSON)`, as in /cluster_status. */
std::string render_cluster_page(std::span<const std::string> agents,
                                std::span<const agent_answer> answers);

}  // namespace smistat::render
