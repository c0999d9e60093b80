// How the GPU query settles on fields the driver accepts: wait for the driver's list, drop a
// rejected field, ask again once, and never loop.
#include "src/collect/field_negotiation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "parsers/help_query_gpu.hpp"
#include "tests/support/golden.hpp"

namespace smistat::collect {
namespace {

parsers::query_field_catalog h100_catalog() {
  return parsers::parse_help_query_gpu(
      test::read_file(test::fixtures_dir() / "h100-80gb-hbm3__590.48.01" / "help-query-gpu.txt"));
}

bool asks_for(const field_negotiation& n, const std::string& query_name) {
  const auto f = n.fields();
  return std::any_of(f.begin(), f.end(), [&](const auto& x) { return x.query_name == query_name; });
}

TEST(field_negotiation, a_rejection_while_the_catalog_is_read_waits_for_it_once) {
  field_negotiation n(16);
  const auto field = n.fields()[1].query_name;
  EXPECT_EQ(n.on_rejected(field, true), rejection_step::wait_for_catalog);
  EXPECT_TRUE(asks_for(n, field)) << "the catalog decides, not the rejection";
  EXPECT_TRUE(n.take_waiting());
  EXPECT_FALSE(n.take_waiting());
}

TEST(field_negotiation, a_rejected_field_still_asked_for_is_dropped_within_the_budget) {
  field_negotiation n(1);
  const auto first = n.fields()[1].query_name;
  const auto second = n.fields()[2].query_name;
  EXPECT_EQ(n.on_rejected(first, false), rejection_step::ask_again);
  EXPECT_FALSE(asks_for(n, first));
  EXPECT_EQ(n.on_rejected(second, false), rejection_step::give_up) << "budget spent";
  EXPECT_TRUE(asks_for(n, second));
  EXPECT_FALSE(n.take_waiting());
}

TEST(field_negotiation, a_catalog_renews_the_budget) {
  field_negotiation n(1);
  EXPECT_TRUE(n.drop(n.fields()[1].query_name));
  EXPECT_FALSE(n.drop(n.fields()[1].query_name));
  ASSERT_TRUE(n.apply(h100_catalog()));
  EXPECT_TRUE(n.discovered());
  EXPECT_TRUE(n.drop(n.fields()[1].query_name));
}

TEST(field_negotiation, a_rejection_the_catalog_already_resolved_is_asked_again_only_once) {
  field_negotiation n(16);
  EXPECT_EQ(n.on_rejected("no.such.field", false), rejection_step::give_up)
      << "before discovery nothing would change";
  ASSERT_TRUE(n.apply(h100_catalog()));
  EXPECT_EQ(n.on_rejected("no.such.field", true), rejection_step::ask_again);
  EXPECT_EQ(n.on_rejected("no.such.field", true), rejection_step::give_up);
}

TEST(field_negotiation, apply_says_whether_the_set_changed) {
  field_negotiation n(16);
  EXPECT_FALSE(n.apply({})) << "failed discovery changes nothing";
  EXPECT_FALSE(n.discovered());
  EXPECT_TRUE(n.apply(h100_catalog()));
  EXPECT_FALSE(n.apply(h100_catalog()));
}

TEST(field_negotiation, the_query_in_flight_keeps_the_fields_it_asked_for) {
  field_negotiation n(16);
  const std::vector<parsers::resolved_field> before(n.fields().begin(), n.fields().end());
  const auto asked = n.ask();
  EXPECT_TRUE(std::equal(asked.begin(), asked.end(), before.begin(), before.end()));
  ASSERT_TRUE(n.apply(h100_catalog()));
  EXPECT_TRUE(std::equal(n.asked().begin(), n.asked().end(), before.begin(), before.end()));
  EXPECT_FALSE(std::equal(n.fields().begin(), n.fields().end(), before.begin(), before.end()));
}

}  // namespace
}  // namespace smistat::collect
