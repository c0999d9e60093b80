#pragma once
// The table of settings: one row per option, the single place that names an option, its
// contract variable, its help and how its text becomes a config field. The command line, the
// environment, .env, the config file, --help and validation all read it.

#include <span>
#include <string_view>

#include "src/config/config.hpp"
#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** Converts one value and stores it in its field; throws config_error for a bad value. */
using setter = void (*)(config&, const raw_value&);

/** One option: its long name, the contract's environment name, help, and how to store it. */
struct option_spec {
  std::string_view name;
  std::string_view plain_env;  ///< gpu-worker-pool name; empty when there is none
  std::string_view value_name;
  bool flag;  ///< a bare --name means true
  std::string_view help;
  setter apply;
};

/** Every setting, in the order of --help, of etc/smistat.conf and of validation. */
std::span<const option_spec> option_table();

}  // namespace smistat::config_detail
