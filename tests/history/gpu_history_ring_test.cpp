#include "src/history/gpu_history_ring.hpp"

#include <gtest/gtest.h>

namespace smistat::history {
namespace {

using namespace std::chrono_literals;

collect::snapshot sampled(collect::wall_clock::time_point at) {
  collect::snapshot s;
  s.sampled_at = at;
  return s;
}

/** Keeps only the sample's time: what the ring does does not depend on the GPU rows. */
history_sample time_only(const collect::snapshot& s, const history_sample*) {
  return {*s.sampled_at, {}};
}

const collect::wall_clock::time_point t0{std::chrono::seconds(1'764'000'000)};

TEST(gpu_history_ring, keeps_the_newest_samples_up_to_its_capacity) {
  gpu_history_ring ring(2, time_only);
  for (int i = 0; i < 3; ++i) ring.record(sampled(t0 + i * 1s));
  const auto w = ring.window();
  ASSERT_EQ(w.samples.size(), 2u);
  EXPECT_EQ(w.samples[0]->sampled_at, t0 + 1s);
  EXPECT_EQ(w.samples[1]->sampled_at, t0 + 2s);
  EXPECT_EQ(w.version, 3u);
}

TEST(gpu_history_ring, a_generation_repeating_the_last_sample_adds_nothing) {
  gpu_history_ring ring(10, time_only);
  ring.record(sampled(t0));
  ring.record(sampled(t0));          // a failed run: new health, the same sample
  ring.record(collect::snapshot{});  // no data yet
  EXPECT_EQ(ring.window().samples.size(), 1u);
  EXPECT_EQ(ring.window().version, 1u);
}

TEST(gpu_history_ring, capacity_zero_keeps_nothing) {
  gpu_history_ring ring(0, time_only);
  ring.record(sampled(t0));
  EXPECT_TRUE(ring.window().samples.empty());
}

TEST(gpu_history_ring, keeps_the_record_its_reader_makes) {
  const history_gpu gpu{
      0,  std::make_shared<const history_gpu_label>(history_gpu_label{"GPU-a", "A"}), 100, 1, 2, 3,
      4.5};
  gpu_history_ring ring(1, [&](const collect::snapshot& s, const history_sample*) {
    return history_sample{*s.sampled_at, {gpu}};
  });
  ring.record(sampled(t0));
  const auto w = ring.window();
  ASSERT_EQ(w.samples.size(), 1u);
  EXPECT_EQ(*w.samples[0], (history_sample{t0, {gpu}}));
}

TEST(gpu_history_ring, hands_its_reader_the_newest_sample_it_keeps) {
  std::vector<std::optional<collect::wall_clock::time_point>> seen;
  gpu_history_ring ring(2, [&](const collect::snapshot& s, const history_sample* previous) {
    seen.push_back(previous ? std::optional(previous->sampled_at) : std::nullopt);
    return history_sample{*s.sampled_at, {}};
  });
  for (int i = 0; i < 3; ++i) ring.record(sampled(t0 + i * 1s));
  const std::vector<std::optional<collect::wall_clock::time_point>> expected{std::nullopt, t0,
                                                                             t0 + 1s};
  EXPECT_EQ(seen, expected);
}

TEST(history_gpu, equal_labels_compare_equal_shared_or_not) {
  const auto label = [](const char* name) {
    return std::make_shared<const history_gpu_label>(history_gpu_label{"GPU-a", name});
  };
  const history_gpu a{0, label("A"), 100, 1, 2, 3, 4.5};
  EXPECT_EQ(a, (history_gpu{0, label("A"), 100, 1, 2, 3, 4.5}));
  EXPECT_NE(a, (history_gpu{0, label("B"), 100, 1, 2, 3, 4.5}));
  EXPECT_NE(a, (history_gpu{0, a.label, 100, 1, 2, 3, 4.0}));
}

}  // namespace
}  // namespace smistat::history
