#include "src/config/agents_option.hpp"

#include <system_error>

#include "src/config/agents_list.hpp"
#include "src/config/read_file.hpp"

namespace smistat::config_detail {
namespace {

std::vector<std::string> checked(const raw_value& v, std::vector<std::string> agents,
                                 const std::string& where) {
  for (const auto& agent : agents)
    if (const auto problem = agent_problem(agent)) reject(v, where + *problem);
  return agents;
}

}  // namespace

std::vector<std::string> to_agents(const raw_value& v) {
  return checked(v, split_agents_list(v.text), "");
}

std::vector<std::string> agents_from_file(const raw_value& v) {
  std::optional<std::string> text;
  try {
    text = read_optional_file(v.text);
  } catch (const std::system_error& e) {
    reject(v, "cannot read the file: " + e.code().message());
  }
  if (!text) reject(v, "no such file");
  const auto parsed = parse_agents_file(*text);
  const auto at = [&](std::size_t line) { return v.text + ":" + std::to_string(line) + ": "; };
  if (parsed.error) reject(v, at(parsed.error->line) + parsed.error->message);
  // nvgpu reads a file without AGENTS as `['self']` (app.config.get('AGENTS', ['self'])).
  return checked(v, parsed.agents.value_or(std::vector<std::string>{"self"}), v.text + ": ");
}

}  // namespace smistat::config_detail
