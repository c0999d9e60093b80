// The GPU query's health after each outcome: counts, the last error, and failures in a row.
#include "src/collect/gpu_health_update.hpp"

#include <gtest/gtest.h>

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;

const wall_clock::time_point t0{std::chrono::seconds(1'800'000'000)};
const collection_error timed_out{collection_failure::timed_out, 0, "deadline passed"};

TEST(gpu_health_update, failures_count_in_a_row_until_data_comes) {
  collection_health h;
  record_gpu_outcome(h, timed_out, 0, 10.0, t0, std::nullopt);
  record_gpu_outcome(h, timed_out, 0, 10.0, t0 + 1s, std::nullopt);
  EXPECT_EQ(h.consecutive_failures, 2u);
  EXPECT_EQ(h.errors_by_kind.at("timed_out"), 2u);
  EXPECT_FALSE(h.last_success.has_value());
  record_gpu_outcome(h, std::nullopt, 0, 0.25, t0 + 2s, t0 + 3s);
  EXPECT_EQ(h.consecutive_failures, 0u);
  EXPECT_EQ(h.last_success, t0 + 3s);
  EXPECT_EQ(h.last_attempt, t0 + 2s);
  EXPECT_EQ(h.last_duration_seconds, 0.25);
  EXPECT_FALSE(h.last_error.has_value());
  EXPECT_EQ(h.runs_total, 3u);
  EXPECT_EQ(h.errors_total, 2u);
}

TEST(gpu_health_update, no_data_and_no_error_is_a_parse_error) {
  collection_health h;
  record_gpu_outcome(h, std::nullopt, 3, 0.5, t0, std::nullopt);
  ASSERT_TRUE(h.last_error.has_value());
  EXPECT_EQ(h.last_error->kind, collection_failure::parse_error);
  EXPECT_EQ(h.last_error->exit_code, 3);
  EXPECT_EQ(h.last_exit_code, 3);
  EXPECT_EQ(h.errors_by_kind.at("parse_error"), 1u);
  EXPECT_EQ(h.consecutive_failures, 1u);
}

TEST(gpu_health_update, a_lost_gpu_beside_data_is_an_error_but_no_failure) {
  collection_health h;
  record_gpu_outcome(h, collection_error{collection_failure::gpu_lost, 15, "GPU is lost"}, 15, 0.5,
                     t0, t0);
  ASSERT_TRUE(h.last_error.has_value());
  EXPECT_EQ(h.last_error->kind, collection_failure::gpu_lost);
  EXPECT_EQ(h.errors_total, 1u);
  EXPECT_EQ(h.consecutive_failures, 0u);
  EXPECT_EQ(h.last_success, t0);
}

}  // namespace
}  // namespace smistat::collect
