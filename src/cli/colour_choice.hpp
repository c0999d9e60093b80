#pragma once
// Whether `smistat list` colours its table: `--color auto|always|never`; auto colours only a
// terminal, and never when NO_COLOR is set to a non-empty value (no-color.org).

#include <map>
#include <string>

namespace smistat::cli {

/** Reads `--color`'s value; throws usage_error for anything but auto, always or never.
 *  `stdout_is_terminal` is isatty(1), passed in so the rule is testable. */
bool use_colour(const std::string& choice, bool stdout_is_terminal,
                const std::map<std::string, std::string>& environment);

}  // namespace smistat::cli
