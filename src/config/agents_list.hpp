#pragma once
// The agents a master polls (nvgpu's AGENTS): `self` or base URLs. Read from a comma list
// (`--agents`) or from nvgpu's own master config, a Python file holding
// `AGENTS = ['self', 'http://node2:1080']`. Only that one statement is understood (string
// literals in single or double quotes, comments, line breaks and a trailing comma inside the
// brackets); anything else is refused with the line, never half-read. Pure: text in, list out.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::config_detail {

/** Why an agents file was refused, and where. */
struct agents_file_error {
  std::size_t line = 0;  ///< 1-based
  std::string message;
  bool operator==(const agents_file_error&) const = default;
};

/** What an agents file says: its AGENTS list, or (for a file without the statement, which
 *  nvgpu reads as `['self']`) nullopt; or the first error. */
struct agents_file_result {
  std::optional<std::vector<std::string>> agents;
  std::optional<agents_file_error> error;
};

/** Parses nvgpu's master config text. */
agents_file_result parse_agents_file(std::string_view text);

/** `self,http://node2:1080` -> its items, blanks around each trimmed, empty items dropped. */
std::vector<std::string> split_agents_list(std::string_view text);

/** What is wrong with one agent, or nullopt when it is `self` or an http(s) URL with a host. */
std::optional<std::string> agent_problem(std::string_view agent);

}  // namespace smistat::config_detail
