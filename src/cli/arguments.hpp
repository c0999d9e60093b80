#pragma once
// What every subcommand shares: its words after the subcommand name, the environment, one
// clear line for a bad command line (exit 2), and where nvidia-smi comes from.

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "src/collect/collector_options.hpp"
#include "src/config/tool_config.hpp"

namespace smistat::cli {

/** Exit codes of the tools: 1 when nvidia-smi (or the server) fails, 2 for a bad command line. */
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

/** A subcommand's input: the words after its name, and the process environment. */
struct invocation {
  std::vector<std::string> args;
  std::map<std::string, std::string> environment;
};

/** A command line the subcommand refuses; what() is one line naming the problem. */
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/** Parses `args` against `options` (no positional words); throws usage_error. */
boost::program_options::variables_map parse_arguments(
    const boost::program_options::options_description& options,
    const std::vector<std::string>& args);

/** Adds --nvidia-smi, --replay, --timeout and --config: the settings shared with the server. */
void add_machine_source_options(boost::program_options::options_description& options);

/** What the shared options of `vm` give, in the server's names. */
tool_command_line shared_command_line(const boost::program_options::variables_map& vm);

/** Where nvidia-smi comes from and how long a run may take. */
struct machine_source {
  collect::collector_options collection;  ///< the program resolved (the replayer for --replay)
  std::chrono::milliseconds timeout;      ///< a run's deadline; also that of an HTTP read
  bool timeout_set = false;               ///< some source set it, not the server's default
};

/** Reads the shared settings as the server does (command line, environment, ./.env, config
 *  file) and resolves `--replay`. Throws usage_error with the server's one line for a bad value
 *  or a replay folder that is missing. */
machine_source read_machine_source(const tool_command_line& given,
                                   const std::map<std::string, std::string>& environment);

}  // namespace smistat::cli
