#include "src/contracts/nvgpu/humanize.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace smistat::render {
namespace {

using std::chrono::system_clock;

// arrow's own constants: a month is 30.5 days and a year 365 (arrow.Arrow._SECS_PER_*).
constexpr std::int64_t minute = 60;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;
constexpr std::int64_t week = 7 * day;
constexpr double month = 30.5 * day;
constexpr std::int64_t year = 365 * day;

/** English locale: "{0} ago" in the past, "in {0}" in the future. */
std::string relative(const std::string& distance, bool past) {
  return past ? distance + " ago" : "in " + distance;
}

std::string plural(std::int64_t count, const char* unit) {
  return std::to_string(std::max<std::int64_t>(count, 2)) + " " + unit;
}

/** Months count calendar months (arrow compares year * 12 + month of both instants, in UTC). */
std::int64_t calendar_months_between(system_clock::time_point a, system_clock::time_point b) {
  using namespace std::chrono;
  const year_month_day ya{floor<days>(a)}, yb{floor<days>(b)};
  const auto months_of = [](const year_month_day& d) {
    return static_cast<std::int64_t>(static_cast<int>(d.year())) * 12 +
           static_cast<unsigned>(d.month());
  };
  return std::llabs(months_of(yb) - months_of(ya));
}

std::string describe(std::int64_t diff, system_clock::time_point then, system_clock::time_point now,
                     bool past) {
  if (diff < 10) return "just now";
  if (diff < minute) return relative(std::to_string(diff) + " seconds", past);
  if (diff < 2 * minute) return relative("a minute", past);
  if (diff < hour) return relative(plural(diff / minute, "minutes"), past);
  if (diff < 2 * hour) return relative("an hour", past);
  if (diff < day) return relative(plural(diff / hour, "hours"), past);
  if (diff < 2 * day) return relative("a day", past);
  if (diff < week) return relative(plural(diff / day, "days"), past);
  if (diff < 2 * week) return relative("a week", past);
  const auto d = static_cast<double>(diff);
  if (d < month) return relative(plural(diff / week, "weeks"), past);
  if (d < 2 * month) return relative("a month", past);
  if (diff < year) return relative(plural(calendar_months_between(then, now), "months"), past);
  if (diff < 2 * year) return relative("a year", past);
  return relative(plural(diff / year, "years"), past);
}

}  // namespace

std::string humanize(system_clock::time_point then, system_clock::time_point now) {
  const double seconds = std::chrono::duration<double>(then - now).count();
  // Python's round(): halves go to the even neighbour (nearbyint in the default rounding mode).
  const auto delta = static_cast<std::int64_t>(std::nearbyint(seconds));
  return describe(std::llabs(delta), then, now, delta < 0);
}

}  // namespace smistat::render
