// How contract 001 reads the figures its trends follow; src/history folds them in (its own
// tests cover the rates and peaks).
#include <gtest/gtest.h>

#include <vector>

#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "src/history/gpu_trend_history.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using namespace std::chrono;
using history::gpu_trend;
using history::gpu_trend_history;
using history::gpu_trends;

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

TEST(trend_samples, first_generation_has_no_rate_and_peaks_at_its_values) {
  gpu_trend_history history(trend_samples);
  const gpu_trends t = history.update(sample(1, 0ms, 40, 58, "185.23"));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.at(0), (gpu_trend{0.0, 0.0, 40.0, 185.2, 58.0}));
}

TEST(trend_samples, power_is_rounded_to_a_tenth_as_python_rounds_it) {
  // Exact ties go to the even tenth; a value just under a tie (0.15 is 0.1499...) goes down.
  for (const auto& [power, rounded] :
       std::vector<std::pair<const char*, double>>{{"185.25", 185.2},
                                                   {"185.75", 185.8},
                                                   {"0.15", 0.1},
                                                   {"2.675", 2.7},
                                                   {"699.96", 700.0}}) {
    EXPECT_EQ(trend_samples(sample(1, 0ms, 40, 58, power)).at(0).second.power_watts, rounded)
        << power;
  }
}

// A row without an index goes by its row number, which another row's index may also be: each id
// is followed once, from its first row.
TEST(trend_samples, an_id_seen_twice_keeps_its_first_row) {
  const auto samples = trend_samples(
      test::single_row_snapshot("index,utilization.gpu,temperature.gpu,power.draw",
                                "[N/A], 10, 50, 100.00\n0, 20, 60, 200.00\n1, 30, 70, 300.00\n"));
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[0].first, 0);
  EXPECT_EQ(samples[0].second.gpu_utilization_percent, 10.0);
  EXPECT_EQ(samples[1].first, 1);
  EXPECT_EQ(samples[1].second.gpu_utilization_percent, 30.0);
}

TEST(trend_samples, no_data_reads_no_gpu) {
  EXPECT_TRUE(trend_samples(test::empty_snapshot()).empty());
}

TEST(trend_samples, rendered_rates_round_to_two_places) {
  gpu_trend_history history(trend_samples);
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

}  // namespace
}  // namespace smistat::render
