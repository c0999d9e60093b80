// host_demand: the host part's interval is its own for a minute after an answer showed the
// host, and the idle interval otherwise.
#include "src/collect/host_demand.hpp"

#include <gtest/gtest.h>

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
using clock = host_demand::clock;
const clock::time_point t0{1000s};

TEST(host_demand, nobody_looking_means_the_idle_interval) {
  const host_demand demand;
  EXPECT_EQ(demand.interval_at(t0, 1s), host_demand::idle_interval);
  EXPECT_EQ(demand.interval_at(t0, 0s), host_demand::idle_interval);
  // A slower cadence of its own stays slower.
  EXPECT_EQ(demand.interval_at(t0, 30s), 30s);
}

TEST(host_demand, a_reader_brings_the_own_interval_back_for_a_window) {
  host_demand demand;
  demand.mark(t0);
  EXPECT_EQ(demand.interval_at(t0, 1s), 1s);
  EXPECT_EQ(demand.interval_at(t0 + host_demand::window - 1ms, 1s), 1s);
  EXPECT_EQ(demand.interval_at(t0 + host_demand::window, 1s), host_demand::idle_interval);
}

TEST(host_demand, marks_within_a_second_are_one_and_later_ones_extend_the_window) {
  host_demand demand;
  demand.mark(t0);
  demand.mark(t0 + 500ms);  // folded into the first
  EXPECT_EQ(demand.interval_at(t0 + host_demand::window, 1s), host_demand::idle_interval);
  demand.mark(t0 + 20s);
  EXPECT_EQ(demand.interval_at(t0 + host_demand::window, 1s), 1s);
  EXPECT_EQ(demand.interval_at(t0 + 20s + host_demand::window, 1s), host_demand::idle_interval);
}

TEST(host_demand, an_earlier_time_never_moves_the_mark_back) {
  host_demand demand;
  demand.mark(t0 + 5s);
  demand.mark(t0);  // another thread read the clock first
  EXPECT_EQ(demand.interval_at(t0 + 5s + host_demand::window - 1ms, 1s), 1s);
}

}  // namespace
}  // namespace smistat::collect
