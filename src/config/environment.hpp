#pragma once
// The environment sources: SMISTAT_<OPTION> names for every setting, and the contracts' plain
// names (HOST, PORT, ...) so a gpu-worker-pool deployment keeps its variables. A `.env` file is
// read into the same shape and goes through the same functions.

#include <optional>
#include <string>
#include <string_view>

#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** "refresh-interval" -> "SMISTAT_REFRESH_INTERVAL". */
std::string smistat_env_name(std::string_view option);

/** Which names an environment layer looks for. */
enum class env_names {
  smistat,  ///< SMISTAT_<OPTION>: every setting, booleans strict
  plain,    ///< the contracts' names: only options that have one, booleans read the Python way
};

/** The settings `vars` holds under `names`; `where` ends each value's source (" in .env"). */
layer env_layer(const env_map& vars, env_names names, const std::string& where);

/** CUDA_VISIBLE_DEVICES from the environment, else from `.env`; nullopt when neither has it. */
std::optional<std::string> cuda_visible_devices(const env_map& environment,
                                                const env_map& dotenv_values);

}  // namespace smistat::config_detail
