#pragma once
// `smistat list` (alias `nvl`): nvgpu's table of this machine's GPUs, or of a running server's.

#include "src/cli/arguments.hpp"

namespace smistat::cli {

/** Runs the subcommand; returns the exit code (0, 1 when nvidia-smi or the server fails,
 *  2 for a bad command line). */
int run_list(const invocation& in);

}  // namespace smistat::cli
