#pragma once
// `smistat record DIR`: captures this machine's nvidia-smi into a fixture folder (the files
// fixtures/README.md defines), identities masked, for a bug report or a new test machine.

#include "src/record/record_arguments.hpp"

namespace smistat::record {

/** Runs the subcommand on its parsed words, whose shared settings the caller has already applied
 *  to `options` (or turned into `error`). Returns the process exit code: 0 recorded, 1 the
 *  essential files (`-L`, the GPU query) could not be recorded, 2 a usage error. */
int run(parsed_arguments parsed);

}  // namespace smistat::record
