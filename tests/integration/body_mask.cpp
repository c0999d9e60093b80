#include "tests/integration/body_mask.hpp"

#include <regex>

namespace smistat::test {

std::string mask_volatile(std::string body) {
  // Keys whose values depend on the clock; strings and numbers alike become a fixed token,
  // and null stays null so "no data yet" remains visible in goldens.
  static const std::regex time_valued(
      R"re("(timestamp|last_attempt|last_success|age_seconds|last_duration_seconds|duration_seconds|runs_total|errors_total)":("[^"]*"|[-0-9.eE+]+))re");
  return std::regex_replace(body, time_valued, R"("$1":"<masked>")");
}

}  // namespace smistat::test
