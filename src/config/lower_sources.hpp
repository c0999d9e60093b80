#pragma once
// Every source below the command line (the config file, ./.env, the environment), read the same
// way for the server and for the command-line tools, so both rank and refuse values alike.

#include <optional>
#include <string>
#include <vector>

#include "src/config/merge.hpp"
#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** The layers below the command line, and what reading them found along the way. */
struct lower_sources {
  sources layers;                     ///< everything but `command_line`, which stays empty
  env_map dotenv;                     ///< the variables `.env` sets
  std::string config_file;            ///< the config file that was read; empty when none
  std::vector<std::string> warnings;  ///< `.env` lines that could not be parsed
};

/** Reads `.env` at `dotenv_path`, the config file (`config_flag`, else SMISTAT_CONFIG from the
 *  environment, else from `.env`) and the environment. Throws config_error. */
lower_sources read_lower_sources(const std::optional<raw_value>& config_flag,
                                 const env_map& environment, const std::string& dotenv_path);

}  // namespace smistat::config_detail
