#pragma once
// What every subcommand shares: its words after the subcommand name, the environment, one
// clear line for a bad command line (exit 2), and where nvidia-smi comes from.

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "src/collect/collector_options.hpp"

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

/** Where nvidia-smi comes from, as `smistat serve` takes it. */
struct machine_source {
  std::string nvidia_smi = "nvidia-smi";
  std::string replay;           ///< `auto` or a recorded machine folder; empty: the real one
  double timeout_seconds = 10;  ///< deadline of each nvidia-smi run
};

/** Adds --nvidia-smi, --replay and --timeout, stored into `source`. */
void add_machine_source_options(boost::program_options::options_description& options,
                                machine_source& source);

/** The collection settings for one reading; resolves `--replay` (see app/nvidia_smi_source).
 *  Throws usage_error for a timeout that is not positive or a replay folder that is missing. */
collect::collector_options one_reading_options(const machine_source& source);

}  // namespace smistat::cli
