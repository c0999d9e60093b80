#pragma once
// The config file source (--config FILE, an INI file of `name = value` lines), the lowest-ranked
// source above the defaults.

#include <optional>
#include <string>

#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** Which file to read: --config, else SMISTAT_CONFIG from the environment, else from `.env`.
 *  The file cannot name itself, so its path is settled before any settings are read. */
std::optional<raw_value> config_path(const std::optional<raw_value>& from_command_line,
                                     const env_map& environment, const env_map& dotenv_values,
                                     const std::string& dotenv_path);

/** The settings of the file `file` names; throws config_error when it is missing, unreadable,
 *  malformed, names an unknown option or sets one twice. */
layer config_file_layer(const raw_value& file);

}  // namespace smistat::config_detail
