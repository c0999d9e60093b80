// arrow 1.x humanize() in English, boundary by boundary.
#include "src/contracts/nvgpu/humanize.hpp"

#include <gtest/gtest.h>

namespace smistat::render {
namespace {

using namespace std::chrono;

const system_clock::time_point now = sys_days{year{2026} / December / 1} + hours{12};

struct case_ {
  double seconds_ago;
  const char* expected;
};

TEST(humanize, reads_like_arrow_in_the_past) {
  const case_ cases[] = {
      {0, "just now"},
      {9.4, "just now"},
      {9.5, "10 seconds ago"},   // 9.5 rounds half to even: 10
      {10.5, "10 seconds ago"},  // and 10.5 to 10
      {59, "59 seconds ago"},
      {60, "a minute ago"},
      {119, "a minute ago"},
      {120, "2 minutes ago"},
      {3599, "59 minutes ago"},
      {3600, "an hour ago"},
      {7199, "an hour ago"},
      {7200, "2 hours ago"},
      {86399, "23 hours ago"},
      {86400, "a day ago"},
      {172799, "a day ago"},
      {172800, "2 days ago"},
      {604799, "6 days ago"},
      {604800, "a week ago"},  // arrow >= 1.0 has weeks; the 2018 seed said "7 days ago"
      {1209599, "a week ago"},
      {1209600, "2 weeks ago"},
      {2635199, "4 weeks ago"},  // a month is 30.5 days
      {2635200, "a month ago"},
      {5270399, "a month ago"},
      {31535999, "12 months ago"},  // calendar months: December 2025 to December 2026
      {31536000, "a year ago"},
      {63072000, "2 years ago"},
  };
  for (const auto& c : cases) {
    const auto then = now - duration_cast<system_clock::duration>(duration<double>(c.seconds_ago));
    EXPECT_EQ(humanize(then, now), c.expected) << c.seconds_ago << " s";
  }
}

TEST(humanize, months_count_calendar_months_not_seconds) {
  // 62 days back from 1 December is 30 September: three calendar months, though barely two
  // months long.
  EXPECT_EQ(humanize(now - days{62}, now), "3 months ago");
  // 200 days back is 15 May: seven months.
  EXPECT_EQ(humanize(now - days{200}, now), "7 months ago");
}

TEST(humanize, the_future_reads_in) {
  EXPECT_EQ(humanize(now + seconds{5}, now), "just now");
  EXPECT_EQ(humanize(now + seconds{30}, now), "in 30 seconds");
  EXPECT_EQ(humanize(now + minutes{5}, now), "in 5 minutes");
  EXPECT_EQ(humanize(now + hours{1}, now), "in an hour");
}

}  // namespace
}  // namespace smistat::render
