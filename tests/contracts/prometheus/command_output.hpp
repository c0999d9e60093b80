#pragma once
// Runs a shell command line for tests and captures what it printed and how it exited.

#include <filesystem>
#include <string>

namespace smistat::test {

struct command_result {
  int exit_code = -1;  ///< -1 when it could not run or was killed
  std::string output;  ///< stdout and stderr together
};

/** Runs `command_line` with /bin/sh, stdout and stderr captured. */
command_result run_command(const std::string& command_line);

/** True when `program` is found on PATH. */
bool on_path(const std::string& program);

/** Writes `text` to a new file in the temporary directory and returns its path. */
std::filesystem::path write_temp_file(const std::string& stem, const std::string& text);

}  // namespace smistat::test
