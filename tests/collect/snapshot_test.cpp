#include "src/collect/snapshot.hpp"

#include <gtest/gtest.h>

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;

const wall_clock::time_point t0{std::chrono::seconds(1'800'000'000)};

snapshot with_data(double interval, std::uint64_t failures) {
  snapshot s;
  s.sampled_at = t0;
  s.health.refresh_interval = interval;
  s.health.consecutive_failures = failures;
  return s;
}

TEST(snapshot, age_is_zero_without_data_and_never_negative) {
  EXPECT_EQ(snapshot{}.age_seconds(t0), 0.0);
  EXPECT_EQ(with_data(1.0, 0).age_seconds(t0 - 5s), 0.0);
  EXPECT_DOUBLE_EQ(with_data(1.0, 0).age_seconds(t0 + 2500ms), 2.5);
}

TEST(snapshot, degraded_table) {
  struct row {
    const char* name;
    snapshot s;
    wall_clock::time_point now;
    bool degraded;
  };
  const row rows[] = {
      {"no data yet", snapshot{}, t0, true},
      {"fresh", with_data(1.0, 0), t0 + 1s, false},
      {"exactly three intervals", with_data(1.0, 0), t0 + 3s, false},
      {"older than three intervals", with_data(1.0, 0), t0 + 3001ms, true},
      {"last attempt failed", with_data(1.0, 1), t0, true},
      {"interval zero never ages", with_data(0.0, 0), t0 + 1h, false},
  };
  for (const auto& r : rows) EXPECT_EQ(r.s.degraded(r.now), r.degraded) << r.name;
}

}  // namespace
}  // namespace smistat::collect
