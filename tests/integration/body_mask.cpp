#include "tests/integration/body_mask.hpp"

#include <regex>

namespace smistat::test {

std::string mask_volatile(std::string body) {
  // Keys whose values depend on the clock; strings and numbers alike become a fixed token,
  // and null stays null so "no data yet" remains visible in goldens.
  static const std::regex time_valued(
      R"re("(timestamp|last_attempt|last_success|age_seconds|last_duration_seconds|duration_seconds|runs_total|errors_total)":("[^"]*"|[-0-9.eE+]+))re");
  // The parts beside the GPU query run on their own cadences: whether one has finished when the
  // route is read is a race, so their block is masked whole (render goldens pin its shape). A
  // part's last_error is an object of its own: one level of nesting.
  static const std::regex parts(R"re("parts":\{("[a-z]+":\{([^{}]|\{[^{}]*\})*\},?)+\})re");
  // What runs at the instant of the request (a part's run, the loop child) is a race too.
  static const std::regex in_flight(R"re("in_flight":\{[^{}]*\})re");
  // Servers under test listen on --port 0, and /config reports the port the kernel chose.
  static const std::regex bound_port(R"re("port":[0-9]+)re");
  // /health's xid block says whether this host lets smistat read its kernel log, and what the
  // kernel logged: neither belongs in a golden (xid_e2e_test checks the block). It ends the body.
  static const std::regex xid(R"re(,"xid":\{.*\}\}$)re");
  body = std::regex_replace(body, xid, R"(,"xid":"<masked>"})");
  body = std::regex_replace(body, parts, R"("parts":"<masked>")");
  body = std::regex_replace(body, in_flight, R"("in_flight":"<masked>")");
  body = std::regex_replace(body, bound_port, R"("port":"<masked>")");
  return std::regex_replace(body, time_valued, R"("$1":"<masked>")");
}

}  // namespace smistat::test
