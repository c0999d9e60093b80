#include "src/common/iso_time.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

namespace smistat::common {
namespace {

std::string iso_micros(const std::tm& tm, long long micros) {
  char buf[64];
  const int n =
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld", tm.tm_year + 1900,
                    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
  // A nanosecond clock cannot reach a year that overflows the buffer; never read past it.
  return std::string(buf, static_cast<std::size_t>(std::clamp(n, 0, int{sizeof buf} - 1)));
}

/** `t` split into calendar fields by `to_tm` (localtime_r or gmtime_r), with microseconds. */
std::string iso_micros(std::chrono::system_clock::time_point t,
                       std::tm* (*to_tm)(const std::time_t*, std::tm*)) {
  using namespace std::chrono;
  // floor, not truncation, so times before 1970 keep a non-negative fraction.
  const auto secs = floor<seconds>(t);
  const auto micros = duration_cast<microseconds>(t - secs).count();
  const std::time_t tt = system_clock::to_time_t(system_clock::time_point(secs));
  std::tm tm{};
  to_tm(&tt, &tm);
  return iso_micros(tm, static_cast<long long>(micros));
}

}  // namespace

std::string local_isoformat(std::chrono::system_clock::time_point t) {
  return iso_micros(t, &localtime_r);
}

std::string utc_isoformat(std::chrono::system_clock::time_point t) {
  return iso_micros(t, &gmtime_r);
}

std::string utc_iso_seconds(std::chrono::system_clock::time_point t) {
  const std::time_t tt =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&tt, &tm);
  std::array<char, 64> buf{};
  const std::size_t n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf.data(), n);
}

}  // namespace smistat::common
