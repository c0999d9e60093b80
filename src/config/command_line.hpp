#pragma once
// The command line source: `smistat [serve] [options]`, the highest-ranked source.

#include <optional>

#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** What the command line set; --config is kept apart because it names a source, not a value. */
struct command_line {
  layer values;
  std::optional<raw_value> config_file;
  bool help = false;
  bool version = false;
};

/** Parses argv (argv[0] skipped); throws config_error for an unknown, repeated or stray word. */
command_line parse_command_line(int argc, const char* const* argv);

}  // namespace smistat::config_detail
