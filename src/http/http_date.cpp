#include "src/http/http_date.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace smistat::http {

std::string format_http_date(std::chrono::system_clock::time_point t) {
  // Names are spelled out because strftime's %a/%b follow LC_TIME, and HTTP wants English.
  static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  std::array<char, 40> buf{};
  const int n = std::snprintf(buf.data(), buf.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                              days.at(static_cast<std::size_t>(tm.tm_wday)), tm.tm_mday,
                              months.at(static_cast<std::size_t>(tm.tm_mon)), tm.tm_year + 1900,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
  return std::string(buf.data(), n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string_view current_http_date() {
  thread_local std::time_t formatted_second = -1;
  thread_local std::string formatted;
  const auto now = std::chrono::system_clock::now();
  const std::time_t second = std::chrono::system_clock::to_time_t(now);
  if (second != formatted_second) {
    formatted = format_http_date(now);
    formatted_second = second;
  }
  return formatted;
}

}  // namespace smistat::http
