#pragma once
// The command line of `smistat record`, parsed without touching the file system.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/record/recorder.hpp"

namespace smistat::record {

/** Either options to record with, help to print, or an error for the user. */
struct parsed_arguments {
  record_options options;
  /** The settings shared with the server (`nvidia-smi`, `timeout`, `replay`, `config`) as
   *  given: the caller reads them with the server's other sources and fills `options`. */
  std::map<std::string, std::string> shared;
  bool help = false;
  std::string error;  ///< non-empty: a usage error, said in one line
};

/** Parses `DIR [--state idle|load] [--nvidia-smi PATH] [--timeout SECONDS] [--replay DIR]
 *  [--config FILE] [--force]` (`--name=value` or `--name value`). */
parsed_arguments parse_arguments(const std::vector<std::string>& args);

/** The usage text printed by `smistat record --help`. */
const char* usage();

}  // namespace smistat::record
