#pragma once
// The option table as Program_options sees it: the command line parser, the config file parser
// and --help all work from these descriptions, so they accept and list the same names.

#include <boost/program_options/options_description.hpp>

namespace smistat::config_detail {

/** --help, --version, --config and --no-access-log: command-line only, never in a file. */
boost::program_options::options_description general_options();

/** Every row of the option table, each taking one text value (flags default to "true"). */
boost::program_options::options_description settings_options();

}  // namespace smistat::config_detail
