#include "src/contracts/smistat/gpu_history_ring.hpp"

#include <gtest/gtest.h>

namespace smistat::app {
namespace {

using namespace std::chrono_literals;

collect::snapshot sampled(collect::wall_clock::time_point at) {
  collect::snapshot s;
  s.sampled_at = at;
  return s;
}

const collect::wall_clock::time_point t0{std::chrono::seconds(1'764'000'000)};

TEST(gpu_history_ring, keeps_the_newest_samples_up_to_its_capacity) {
  gpu_history_ring ring(2);
  for (int i = 0; i < 3; ++i) ring.record(sampled(t0 + i * 1s));
  const auto w = ring.window();
  ASSERT_EQ(w.samples.size(), 2u);
  EXPECT_EQ(w.samples[0]->sampled_at, t0 + 1s);
  EXPECT_EQ(w.samples[1]->sampled_at, t0 + 2s);
  EXPECT_EQ(w.version, 3u);
}

TEST(gpu_history_ring, a_generation_repeating_the_last_sample_adds_nothing) {
  gpu_history_ring ring(10);
  ring.record(sampled(t0));
  ring.record(sampled(t0));          // a failed run: new health, the same sample
  ring.record(collect::snapshot{});  // no data yet
  EXPECT_EQ(ring.window().samples.size(), 1u);
  EXPECT_EQ(ring.window().version, 1u);
}

TEST(gpu_history_ring, capacity_zero_keeps_nothing) {
  gpu_history_ring ring(0);
  ring.record(sampled(t0));
  EXPECT_TRUE(ring.window().samples.empty());
}

}  // namespace
}  // namespace smistat::app
