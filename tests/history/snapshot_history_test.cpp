#include "src/history/snapshot_history.hpp"

#include <gtest/gtest.h>

namespace smistat::history {
namespace {

using namespace std::chrono_literals;

const collect::wall_clock::time_point t0{std::chrono::seconds(1'764'000'000)};

collect::snapshot published(std::uint64_t generation, collect::wall_clock::time_point at) {
  collect::snapshot s;
  s.generation = generation;
  s.sampled_at = at;
  return s;
}

/** GPU 0 at a temperature that rises by one degree per generation. */
gpu_trend_samples rising(const collect::snapshot& s) {
  return {{0, {50.0, 100.0, 50.0 + static_cast<double>(s.generation)}}};
}

history_sample time_only(const collect::snapshot& s, const history_sample*) {
  return {*s.sampled_at, {}};
}

TEST(snapshot_history, one_record_advances_the_trends_and_the_samples) {
  snapshot_history history(10, rising, time_only);
  history.record(published(1, t0));
  history.record(published(2, t0 + 2s));
  EXPECT_EQ(history.samples()->window().samples.size(), 2u);
  // The routes' own update of a generation already recorded is a lookup.
  const gpu_trends t = history.trends()->update(published(2, t0 + 2s));
  EXPECT_DOUBLE_EQ(t.at(0).temperature_delta_per_sec, 0.5);
  EXPECT_EQ(t.at(0).peak_temperature_celsius, 52.0);
}

TEST(snapshot_history, a_snapshot_without_data_changes_nothing) {
  snapshot_history history(10, rising, time_only);
  history.record(collect::snapshot{});
  EXPECT_EQ(history.samples()->window().version, 0u);
  EXPECT_TRUE(history.trends()->update(collect::snapshot{}).empty());
}

TEST(snapshot_history, the_sample_limit_bounds_the_ring) {
  snapshot_history history(1, rising, time_only);
  history.record(published(1, t0));
  history.record(published(2, t0 + 1s));
  const auto w = history.samples()->window();
  ASSERT_EQ(w.samples.size(), 1u);
  EXPECT_EQ(w.samples[0]->sampled_at, t0 + 1s);
}

}  // namespace
}  // namespace smistat::history
