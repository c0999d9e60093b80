#pragma once
// One access-log line per request, written through src/log.hpp at info level.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace smistat::http {

/** What the access log records about one exchange. */
struct access_entry {
  std::string_view remote;  ///< "127.0.0.1:51234"
  std::string_view method;  ///< "-" when the request could not be parsed
  std::string_view target;  ///< as sent, query included; "-" when unparsed
  unsigned status = 0;
  std::size_t body_bytes = 0;  ///< body bytes written (0 for HEAD)
  std::chrono::microseconds elapsed{};
};

/** `target` with the value of every `api_key` query parameter replaced by `***`, so keys
 *  never reach a log. */
std::string redact_target(std::string_view target);

/** `access 127.0.0.1:51234 "GET /gpu/stats" 200 512B 83us`; control bytes in the target are
 *  escaped so a request cannot forge log lines, and API keys in it are redacted. */
std::string format_access_line(const access_entry& e);

/** Writes the line for `e` when info logging is on. */
void write_access_log(const access_entry& e);

}  // namespace smistat::http
