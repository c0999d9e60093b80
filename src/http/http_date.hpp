#pragma once
// The `date` header value (RFC 9110 IMF-fixdate), formatted without the C locale's help.

#include <chrono>
#include <string>

namespace smistat::http {

/** Formats `t` as e.g. "Sat, 21 Nov 2026 23:18:33 GMT". */
std::string format_http_date(std::chrono::system_clock::time_point t);

}  // namespace smistat::http
