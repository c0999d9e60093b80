#include "src/cli/colour_choice.hpp"

#include "src/cli/arguments.hpp"

namespace smistat::cli {

bool use_colour(const std::string& choice, bool stdout_is_terminal,
                const std::map<std::string, std::string>& environment) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  if (choice != "auto")
    throw usage_error("invalid value \"" + choice +
                      "\" for --color: expected auto, always or never");
  const auto no_colour = environment.find("NO_COLOR");
  if (no_colour != environment.end() && !no_colour->second.empty()) return false;
  return stdout_is_terminal;
}

}  // namespace smistat::cli
