#pragma once
// Runs `<bin>/smistat <args>` to the end for the command-line tools' end-to-end tests, with
// environment changes, and keeps its exit code, stdout and stderr.

#include <filesystem>
#include <string>
#include <vector>

#include "tests/integration/smistat_process.hpp"

namespace smistat::test {

struct cli_result {
  int exit_code = -1;  ///< -1 when it did not exit normally
  std::string out;
  std::string err;
};

/** Runs smistat with `args`; `env` adds (or, for nullopt, removes) variables; `cwd`, when not
 *  empty, is the working directory (where `./.env` is read). */
cli_result run_smistat(const std::vector<std::string>& args, const environment_overrides& env = {},
                       const std::filesystem::path& cwd = {});

}  // namespace smistat::test
