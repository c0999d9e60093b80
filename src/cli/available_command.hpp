#pragma once
// `smistat available`: nvgpu's `available`, a line for CUDA_VISIBLE_DEVICES.

#include "src/cli/arguments.hpp"

namespace smistat::cli {

/** Runs the subcommand; returns the exit code (0, 1 when nvidia-smi fails, 2 for a bad
 *  command line). */
int run_available(const invocation& in);

}  // namespace smistat::cli
