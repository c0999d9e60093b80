#pragma once
// `smistat record`: its own words parsed by the recorder, the settings it shares with the server
// (--nvidia-smi, --timeout, --replay, --config) read from the server's sources.

#include "src/cli/arguments.hpp"

namespace smistat::cli {

/** Runs `smistat record`; returns its exit code. */
int run_record(const invocation& in);

}  // namespace smistat::cli
