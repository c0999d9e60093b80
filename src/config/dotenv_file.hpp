#pragma once
// The `.env` source: the file in the working directory, read as python-dotenv reads it.

#include <string>
#include <vector>

#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** The variables a `.env` file sets, and the lines it had to skip as warnings. */
struct dotenv_file {
  env_map values;
  std::vector<std::string> warnings;
};

/** Reads `path` (a missing file sets nothing), expanding ${VAR} from `environment` first.
 *  Bad lines become warnings rather than errors, as python-dotenv only warns about them;
 *  an unreadable file throws config_error. */
dotenv_file read_dotenv(const std::string& path, const env_map& environment);

}  // namespace smistat::config_detail
