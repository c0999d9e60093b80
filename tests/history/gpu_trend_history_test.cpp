#include "src/history/gpu_trend_history.hpp"

#include <gtest/gtest.h>

#include <map>
#include <thread>
#include <vector>

namespace smistat::history {
namespace {

using namespace std::chrono;

const collect::wall_clock::time_point t0{seconds(1'764'000'000)};

/** GPU 0's readings by generation, as a contract's reader would read them from the table. */
using readings = std::map<std::uint64_t, gpu_trend_sample>;

trend_reader reader_of(const readings& by_generation) {
  return [by_generation](const collect::snapshot& s) {
    return gpu_trend_samples{{0, by_generation.at(s.generation)}};
  };
}

/** A snapshot of `generation` sampled `offset` after t0; its figures come from the reader. */
collect::snapshot published(std::uint64_t generation, milliseconds offset) {
  collect::snapshot s;
  s.generation = generation;
  s.sampled_at = t0 + offset;
  return s;
}

TEST(gpu_trend_history, first_generation_has_no_rate_and_peaks_at_its_values) {
  gpu_trend_history history(reader_of({{1, {40, 185.2, 58}}}));
  const gpu_trends t = history.update(published(1, 0ms));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.at(0), (gpu_trend{0.0, 0.0, 40.0, 185.2, 58.0}));
}

TEST(gpu_trend_history, second_generation_gives_rates_per_second_and_running_peaks) {
  gpu_trend_history history(reader_of({{1, {40, 185.2, 58}}, {2, {90, 175.2, 62}}}));
  history.update(published(1, 0ms));
  const gpu_trends t = history.update(published(2, 2000ms));
  EXPECT_DOUBLE_EQ(t.at(0).temperature_delta_per_sec, 2.0);
  EXPECT_NEAR(t.at(0).power_delta_per_sec, -5.0, 1e-9);
  EXPECT_EQ(t.at(0).peak_gpu_utilization_percent, 90.0);
  EXPECT_EQ(t.at(0).peak_power_watts, 185.2);  // the first sample's draw stays the peak
  EXPECT_EQ(t.at(0).peak_temperature_celsius, 62.0);
}

TEST(gpu_trend_history, a_generation_is_folded_in_once) {
  gpu_trend_history history(reader_of({{1, {40, 100, 58}}, {2, {40, 100, 60}}}));
  history.update(published(1, 0ms));
  const gpu_trends second = history.update(published(2, 1000ms));
  EXPECT_EQ(history.update(published(2, 1000ms)), second);
  // An older generation (a reader holding a stale pointer) changes nothing.
  EXPECT_EQ(history.update(published(1, 0ms)), second);
  EXPECT_DOUBLE_EQ(second.at(0).temperature_delta_per_sec, 2.0);
}

TEST(gpu_trend_history, a_gpu_that_leaves_leaves_the_trends_and_advance_folds_as_update) {
  // Two GPUs, then only GPU 1 (GPU 0 lost), then both again.
  const std::map<std::uint64_t, gpu_trend_samples> by_generation{
      {1, {{0, {40, 100, 50}}, {1, {10, 50, 40}}}},
      {2, {{1, {20, 60, 44}}}},
      {3, {{0, {45, 110, 52}}, {1, {30, 70, 46}}}}};
  gpu_trend_history history(
      [&](const collect::snapshot& s) { return by_generation.at(s.generation); });
  history.advance(published(1, 0ms));
  const gpu_trends second = history.update(published(2, 1000ms));
  ASSERT_EQ(second.size(), 1u) << "GPU 0 left";
  EXPECT_DOUBLE_EQ(second.at(1).temperature_delta_per_sec, 4.0) << "advance folded generation 1";
  const gpu_trends third = history.update(published(3, 2000ms));
  ASSERT_EQ(third.size(), 2u);
  EXPECT_DOUBLE_EQ(third.at(0).temperature_delta_per_sec, 1.0) << "against its last sample";
  EXPECT_EQ(third.at(0).peak_power_watts, 110.0);
}

TEST(gpu_trend_history, a_failed_run_repeating_the_sample_keeps_the_trend) {
  gpu_trend_history history(
      reader_of({{1, {40, 100, 58}}, {2, {40, 100, 61}}, {3, {40, 100, 61}}, {4, {40, 100, 61}}}));
  history.update(published(1, 0ms));
  const gpu_trends moving = history.update(published(2, 1000ms));
  // Generation 3 only carries new health: same data, same sampled_at.
  EXPECT_EQ(history.update(published(3, 1000ms)), moving);
  const gpu_trends next = history.update(published(4, 4000ms));
  EXPECT_DOUBLE_EQ(next.at(0).temperature_delta_per_sec, 0.0);
}

TEST(gpu_trend_history, no_data_yields_no_trends_and_reads_nothing) {
  int reads = 0;
  gpu_trend_history history([&](const collect::snapshot&) {
    ++reads;
    return gpu_trend_samples{};
  });
  EXPECT_TRUE(history.update(collect::snapshot{}).empty());
  EXPECT_EQ(reads, 0);
}

// Routes share one history; concurrent updates must leave it consistent (ASan/TSan builds).
TEST(gpu_trend_history, concurrent_updates_keep_the_running_peak) {
  readings by_generation;
  std::vector<collect::snapshot> generations;
  for (int g = 1; g <= 40; ++g) {
    const auto generation = static_cast<std::uint64_t>(g);
    by_generation[generation] = {static_cast<double>(g), 100.0, 50.0 + g};
    generations.push_back(published(generation, milliseconds{g * 1000}));
  }
  gpu_trend_history history(reader_of(by_generation));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (const auto& s : generations) history.update(s);
    });
  for (auto& t : threads) t.join();
  const gpu_trends last = history.update(generations.back());
  EXPECT_EQ(last.at(0).peak_gpu_utilization_percent, 40.0);
  EXPECT_EQ(last.at(0).peak_temperature_celsius, 90.0);
}

}  // namespace
}  // namespace smistat::history
