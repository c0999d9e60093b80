#pragma once
// The `date` header value (RFC 9110 IMF-fixdate), formatted without the C locale's help.

#include <chrono>
#include <string>
#include <string_view>

namespace smistat::http {

/** Formats `t` as e.g. "Sat, 21 Nov 2026 23:18:33 GMT". */
std::string format_http_date(std::chrono::system_clock::time_point t);

/** The date of now, formatted once per second per thread (as nginx caches its time string): a
 *  response's `date` costs a clock read instead of a format. Valid until the thread's next call. */
std::string_view current_http_date();

}  // namespace smistat::http
