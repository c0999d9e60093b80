#include "src/config/tool_config.hpp"

#include <algorithm>
#include <utility>

#include "src/config/lower_sources.hpp"
#include "src/config/merge.hpp"
#include "src/config/validate.hpp"

namespace smistat {

tool_config load_tool_config(const tool_command_line& command_line,
                             std::span<const std::string_view> shared,
                             const std::map<std::string, std::string>& environment,
                             const std::string& dotenv_path) {
  using config_detail::raw_value;
  const std::string from_command_line = "from the command line";
  std::optional<raw_value> config_flag;
  if (command_line.config_file)
    config_flag = raw_value{"config", *command_line.config_file, from_command_line};
  config_detail::lower_sources lower =
      config_detail::read_lower_sources(config_flag, environment, dotenv_path);
  for (const auto& [name, value] : command_line.values)
    lower.layers.command_line.emplace(name,
                                      raw_value{value.spelled, value.text, from_command_line});
  config_detail::layer merged = config_detail::merge(lower.layers);
  std::erase_if(merged, [&](const auto& entry) {
    return std::find(shared.begin(), shared.end(), entry.first) == shared.end();
  });
  tool_config out;
  out.cfg = config_detail::validated(merged);
  for (const auto& entry : merged) out.set_options.insert(entry.first);
  out.warnings = std::move(lower.warnings);
  return out;
}

}  // namespace smistat
