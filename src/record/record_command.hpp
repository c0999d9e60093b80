#pragma once
// `smistat record DIR`: captures this machine's nvidia-smi into a fixture folder (the files
// fixtures/README.md defines), identities masked, for a bug report or a new test machine.

#include <string>
#include <vector>

namespace smistat::record {

/** Runs the subcommand on the words after `record`. Returns the process exit code: 0 recorded, 1
 * the essential files (`-L`, the GPU query) could not be recorded, 2 a usage error. */
int run(const std::vector<std::string>& args);

}  // namespace smistat::record
