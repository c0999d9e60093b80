// The first GPU sample waits for the first facts reading; the latest one waiting is published.
#include "src/collect/first_sample_gate.hpp"

#include <gtest/gtest.h>

namespace smistat::collect {
namespace {

parsers::query_table table_of(std::size_t rows) {
  parsers::query_table t;
  t.rows.resize(rows);
  return t;
}

TEST(first_sample_gate, holds_the_latest_sample_until_released) {
  first_sample_gate gate;
  EXPECT_FALSE(gate.open());
  EXPECT_FALSE(gate.holding());
  gate.hold(table_of(1));
  gate.hold(table_of(2));
  ASSERT_TRUE(gate.holding());
  gate.open_now();
  EXPECT_TRUE(gate.open());
  const auto released = gate.release();
  ASSERT_TRUE(released.has_value());
  EXPECT_EQ(released->rows.size(), 2u);
  EXPECT_FALSE(gate.holding());
}

TEST(first_sample_gate, a_failed_first_run_waits_too_and_is_released_without_a_table) {
  first_sample_gate gate;
  gate.hold(std::nullopt);
  EXPECT_TRUE(gate.holding());
  EXPECT_FALSE(gate.release().has_value());
  EXPECT_FALSE(gate.holding());
}

}  // namespace
}  // namespace smistat::collect
