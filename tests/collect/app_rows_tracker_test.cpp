// The streamed process list: where one batch of `--query-compute-apps ... -lms N` ends, and
// when a child has been silent long enough to show no process.
#include "src/collect/app_rows_tracker.hpp"

#include <gtest/gtest.h>

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
using clock = app_rows_tracker::clock;

const std::string row_a = "GPU-0, 11327, /root/tools/memhog, 2566\n";
const std::string row_b = "GPU-1, 11328, /root/tools/memhog, 1542\n";
const std::string row_b_later = "GPU-1, 11328, /root/tools/memhog, 1600\n";
const std::string row_a_on_gpu_1 = "GPU-1, 11327, /root/tools/memhog, 10\n";

struct tracker_fixture {
  tracker_fixture() { tracker.restart(t0); }
  clock::time_point t0 = clock::time_point{} + 1h;
  app_rows_tracker tracker{100ms};
};

TEST(app_rows_tracker, a_young_silent_child_is_unknown_and_an_old_one_runs_nothing) {
  tracker_fixture f;
  EXPECT_FALSE(f.tracker.rows(f.t0 + 100ms).has_value());
  EXPECT_EQ(f.tracker.stale_after(), 1200ms);
  EXPECT_FALSE(f.tracker.rows(f.t0 + 1200ms).has_value());
  EXPECT_EQ(f.tracker.rows(f.t0 + 1201ms), std::optional<std::string>(""));
}

TEST(app_rows_tracker, rows_printed_together_are_one_batch) {
  tracker_fixture f;
  f.tracker.feed(row_a + row_b + row_a_on_gpu_1, f.t0 + 10ms);
  EXPECT_EQ(f.tracker.rows(f.t0 + 20ms), row_a + row_b + row_a_on_gpu_1)
      << "one pid on two GPUs is two rows of one batch";
}

TEST(app_rows_tracker, a_row_after_a_pause_starts_the_next_batch) {
  tracker_fixture f;
  f.tracker.feed(row_a + row_b, f.t0 + 10ms);
  f.tracker.feed(row_b_later, f.t0 + 110ms);
  EXPECT_EQ(f.tracker.rows(f.t0 + 120ms), row_b_later) << "process a ended";
}

TEST(app_rows_tracker, two_batches_read_at_once_keep_only_the_second) {
  tracker_fixture f;
  f.tracker.feed(row_a + row_b + row_b_later, f.t0 + 10ms);
  EXPECT_EQ(f.tracker.rows(f.t0 + 20ms), row_b_later);
}

TEST(app_rows_tracker, a_row_split_over_reads_is_one_row) {
  tracker_fixture f;
  f.tracker.feed(row_a.substr(0, 7), f.t0 + 10ms);
  EXPECT_FALSE(f.tracker.rows(f.t0 + 10ms).has_value()) << "no whole row yet";
  f.tracker.feed(row_a.substr(7), f.t0 + 11ms);
  EXPECT_EQ(f.tracker.rows(f.t0 + 12ms), row_a);
}

TEST(app_rows_tracker, the_list_empties_once_the_child_stays_silent) {
  tracker_fixture f;
  f.tracker.feed(row_a, f.t0 + 10ms);
  EXPECT_EQ(f.tracker.rows(f.t0 + 1210ms), row_a) << "late batches are no empty list";
  EXPECT_EQ(f.tracker.rows(f.t0 + 1211ms), std::optional<std::string>(""));
}

TEST(app_rows_tracker, a_restart_forgets_the_old_childs_rows) {
  tracker_fixture f;
  f.tracker.feed(row_a + row_b.substr(0, 5), f.t0 + 10ms);
  f.tracker.restart(f.t0 + 20ms);
  EXPECT_FALSE(f.tracker.rows(f.t0 + 30ms).has_value());
  f.tracker.feed(row_b, f.t0 + 40ms);
  EXPECT_EQ(f.tracker.rows(f.t0 + 50ms), row_b) << "no half line of the old child";
}

}  // namespace
}  // namespace smistat::collect
