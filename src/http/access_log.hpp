#pragma once
// One access-log line per request at info level: in the human format as a readable line, in
// logfmt and json as a `request` record with fields. Only what is listed in access_entry is ever
// logged: never a header, so neither an Authorization nor an X-API-Key value can reach a log, and
// API keys in the query are redacted. The lines are written in batches by access_log_buffer.

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "src/common/log_line.hpp"

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

/** The fields of `e` for logfmt and json: method, path (`redacted_path`, which the caller keeps
 *  alive), status, bytes, duration_seconds and peer. */
std::array<log::field, 6> access_fields(const access_entry& e, std::string_view redacted_path);

/** Appends the whole log line for `e` in format `f` at `when`, newline included, to `out`:
 *  byte for byte what the logger writes for the same record. */
void append_access_log_line(std::string& out, log::format f,
                            std::chrono::system_clock::time_point when, const access_entry& e);

/** The whole log line for `e` in format `f` at `when` (what append_access_log_line appends). */
std::string format_access_log_line(log::format f, std::chrono::system_clock::time_point when,
                                   const access_entry& e);

}  // namespace smistat::http
