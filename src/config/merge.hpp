#pragma once
// Precedence: which source wins when several set the same option.

#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** Each source's settings as read, one layer per source. */
struct sources {
  layer config_file;
  layer dotenv_plain;    ///< the contracts' plain names in .env
  layer dotenv_smistat;  ///< SMISTAT_* names in .env
  layer environment_plain;
  layer environment_smistat;
  layer command_line;
};

/** One value per option, from the highest source that sets it: command line > SMISTAT_* >
 *  plain names > .env (SMISTAT_* above plain there too) > config file. Values below the winner
 *  are dropped unconverted, so a stale bad value in a lower source cannot stop the start. */
layer merge(const sources& s);

}  // namespace smistat::config_detail
