#pragma once
// From merged text to a config: every winning value converted, then the rules that involve more
// than one option.

#include "src/config/config.hpp"
#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** The config `merged` describes, over the defaults. Values are converted in option-table order,
 *  so of two bad values the one listed first in --help is reported; throws config_error. */
config validated(const layer& merged);

}  // namespace smistat::config_detail
