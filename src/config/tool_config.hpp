#pragma once
// The settings the command-line tools (list, available, record) share with the server, read
// from the server's sources in the server's order: the tool's command line, SMISTAT_* and the
// plain names in the environment, ./.env, the config file. A node whose /etc/default/smistat or
// .env points the server at nvidia-smi points the tools there too, and a bad value is refused
// with the server's own line.

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/config.hpp"

namespace smistat {

/** One shared setting as a tool's command line gave it. */
struct tool_value {
  std::string spelled;  ///< the tool's name for it (`timeout`), which errors then use
  std::string text;
};

/** What a tool's command line gave of the shared settings. */
struct tool_command_line {
  /** Keyed by the server's option name (`nvidia-smi`, `replay`, `collect-timeout`). */
  std::map<std::string, tool_value> values;
  std::optional<std::string> config_file;  ///< --config FILE
};

/** The shared settings: the server's defaults, overridden by what any source set. */
struct tool_config {
  config cfg;
  std::set<std::string> set_options;  ///< the shared options some source set
  std::vector<std::string> warnings;  ///< `.env` lines that could not be parsed
};

/** Reads every source for the options named in `shared` (the server's names) and only those:
 *  a server setting the tool does not use cannot stop it. Throws config_error. */
tool_config load_tool_config(const tool_command_line& command_line,
                             std::span<const std::string_view> shared,
                             const std::map<std::string, std::string>& environment,
                             const std::string& dotenv_path = ".env");

}  // namespace smistat
