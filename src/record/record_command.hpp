#pragma once
// `smistat record DIR`: captures this machine's nvidia-smi into a fixture folder (the files
// fixtures/README.md defines), identities masked, for a bug report or a new test machine.

namespace smistat::record {

/** Runs the subcommand; argv[0] is `record`. Returns the process exit code: 0 recorded, 1 the
 *  essential files (`-L`, the GPU query) could not be recorded, 2 a usage error. */
int run(int argc, char** argv);

}  // namespace smistat::record
