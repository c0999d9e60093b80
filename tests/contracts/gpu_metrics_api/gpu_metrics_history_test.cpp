#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using namespace std::chrono;

// One GPU with the given readings, published as `generation`, `offset` after sample_time().
collect::snapshot sample(std::uint64_t generation, milliseconds offset, int util, int temp,
                         const char* power) {
  collect::snapshot s = test::single_row_snapshot(
      "index,utilization.gpu,temperature.gpu,power.draw",
      "0, " + std::to_string(util) + ", " + std::to_string(temp) + ", " + power + "\n");
  s.generation = generation;
  s.sampled_at = test::sample_time() + offset;
  return s;
}

TEST(gpu_metrics_history, first_generation_has_no_rate_and_peaks_at_its_values) {
  gpu_metrics_history history;
  const gpu_trends t = history.update(sample(1, 0ms, 40, 58, "185.23"));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.at(0), (gpu_trend{0.0, 0.0, 40.0, 185.2, 58.0}));
}

TEST(gpu_metrics_history, power_is_rounded_to_a_tenth_as_python_rounds_it) {
  // Exact ties go to the even tenth; a value just under a tie (0.15 is 0.1499...) goes down.
  for (const auto& [power, rounded] :
       std::vector<std::pair<const char*, double>>{{"185.25", 185.2},
                                                   {"185.75", 185.8},
                                                   {"0.15", 0.1},
                                                   {"2.675", 2.7},
                                                   {"699.96", 700.0}}) {
    gpu_metrics_history history;
    const gpu_trends t = history.update(sample(1, 0ms, 40, 58, power));
    EXPECT_EQ(t.at(0).peak_power_watts, rounded) << power;
  }
}

TEST(gpu_metrics_history, second_generation_gives_rates_per_second_and_running_peaks) {
  gpu_metrics_history history;
  history.update(sample(1, 0ms, 40, 58, "185.23"));
  const gpu_trends t = history.update(sample(2, 2000ms, 90, 62, "175.20"));
  EXPECT_DOUBLE_EQ(t.at(0).temperature_delta_per_sec, 2.0);
  EXPECT_NEAR(t.at(0).power_delta_per_sec, -5.0, 1e-9);
  EXPECT_EQ(t.at(0).peak_gpu_utilization_percent, 90.0);
  EXPECT_EQ(t.at(0).peak_power_watts, 185.2);  // the first sample's draw stays the peak
  EXPECT_EQ(t.at(0).peak_temperature_celsius, 62.0);
}

TEST(gpu_metrics_history, a_generation_is_folded_in_once) {
  gpu_metrics_history history;
  history.update(sample(1, 0ms, 40, 58, "100.00"));
  const gpu_trends second = history.update(sample(2, 1000ms, 40, 60, "100.00"));
  EXPECT_EQ(history.update(sample(2, 1000ms, 40, 60, "100.00")), second);
  // An older generation (a reader holding a stale pointer) changes nothing.
  EXPECT_EQ(history.update(sample(1, 0ms, 99, 99, "999.00")), second);
  EXPECT_DOUBLE_EQ(second.at(0).temperature_delta_per_sec, 2.0);
}

TEST(gpu_metrics_history, a_failed_run_repeating_the_sample_keeps_the_trend) {
  gpu_metrics_history history;
  history.update(sample(1, 0ms, 40, 58, "100.00"));
  const gpu_trends moving = history.update(sample(2, 1000ms, 40, 61, "100.00"));
  // Generation 3 only carries new health: same data, same sampled_at.
  EXPECT_EQ(history.update(sample(3, 1000ms, 40, 61, "100.00")), moving);
  const gpu_trends next = history.update(sample(4, 4000ms, 40, 61, "100.00"));
  EXPECT_DOUBLE_EQ(next.at(0).temperature_delta_per_sec, 0.0);
}

TEST(gpu_metrics_history, no_data_yields_no_trends) {
  gpu_metrics_history history;
  EXPECT_TRUE(history.update(test::empty_snapshot()).empty());
}

TEST(gpu_metrics_history, rendered_rates_round_to_two_places) {
  gpu_metrics_history history;
  history.update(sample(1, 0ms, 40, 58, "100.00"));
  const collect::snapshot s = sample(2, 3000ms, 40, 59, "100.10");
  const std::string body = render_gpu_metrics(s, test::sample_time(), history.update(s));
  EXPECT_NE(
      body.find(
          R"("rate_of_change":{"temperature_delta_per_sec":0.33,"power_delta_per_sec":0.03},)"
          R"("peak_values":{"gpu_utilization_percent":40.0,"power_watts":100.1,"temperature_celsius":59.0})"),
      std::string::npos)
      << body;
}

// Routes share one history; concurrent updates must leave it consistent (ASan/TSan builds).
TEST(gpu_metrics_history, concurrent_updates_keep_the_running_peak) {
  std::vector<collect::snapshot> generations;
  for (int g = 1; g <= 40; ++g)
    generations.push_back(
        sample(static_cast<std::uint64_t>(g), milliseconds{g * 1000}, g, 50 + g, "100.00"));
  gpu_metrics_history history;
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
}  // namespace smistat::render
