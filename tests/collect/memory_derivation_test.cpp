#include "src/collect/memory_derivation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smistat::collect {
namespace {

using strings = std::vector<std::string>;

// A keyed GPU table from sample-format rows (noheader, nounits).
parsers::query_table table(const strings& keys, const std::string& rows) {
  auto t = parsers::parse_query_csv(rows, keys, {.header = false, .units = false});
  EXPECT_TRUE(t) << t.error().message();
  return t ? *t : parsers::query_table{};
}

std::string cell(const parsers::query_table& t, std::size_t row, std::string_view key) {
  const auto* c = t.find(row, key);
  if (!c) return "<no column>";
  return c->has_value() ? std::string(c->raw)
                        : "<" + std::string(parsers::to_string(c->state)) + ">";
}

const strings all_four{"index", "memory.total", "memory.used", "memory.free", "memory.reserved"};

TEST(memory_derivation, placeholder_used_is_total_minus_free_minus_reserved) {
  auto t =
      table(all_four, "0, 81559, [N/A], 61263, 478\n1, 81559, [Unknown Error], 70000, [N/A]\n");
  derive_memory_figures(t);
  EXPECT_EQ(cell(t, 0, "memory.used"), "19818");
  // Reserved unknown: counted as 0, so `used` errs towards busy, never towards empty.
  EXPECT_EQ(cell(t, 1, "memory.used"), "11559");
}

TEST(memory_derivation, free_and_total_are_derived_alike) {
  auto t = table(all_four, "0, 81559, 11125, [N/A], 478\n1, [N/A], 11125, 69956, 478\n");
  derive_memory_figures(t);
  EXPECT_EQ(cell(t, 0, "memory.free"), "69956");
  EXPECT_EQ(cell(t, 1, "memory.total"), "81559");
}

// The driver rejected memory.used, so discovery dropped it from the query: the column comes back.
TEST(memory_derivation, a_dropped_column_is_added_with_derived_values) {
  auto t = table({"index", "memory.total", "memory.free"}, "0, 8192, 6692\n1, 8192, [N/A]\n");
  derive_memory_figures(t);
  ASSERT_EQ(t.fields().size(), 4u);
  for (const auto& row : t.rows) EXPECT_EQ(row.size(), 4u);
  EXPECT_EQ(cell(t, 0, "memory.used"), "1500");
  // Nothing to derive from: the figure stays unknown, never 0.
  EXPECT_EQ(cell(t, 1, "memory.used"), "<empty>");
  EXPECT_EQ(cell(t, 1, "memory.free"), "<not_available>");
}

// Tables parsed for one request share their columns: the added one is this table's alone.
TEST(memory_derivation, an_added_column_leaves_the_shared_columns_alone) {
  const auto columns = parsers::column_map::make(strings{"index", "memory.total", "memory.free"});
  auto t = parsers::parse_query_csv("0, 8192, 6692\n", columns, {.header = false, .units = false});
  ASSERT_TRUE(t);
  derive_memory_figures(*t);
  EXPECT_EQ(t->fields(), (strings{"index", "memory.total", "memory.free", "memory.used"}));
  EXPECT_EQ(columns->fields(), (strings{"index", "memory.total", "memory.free"}));
}

TEST(memory_derivation, used_and_free_both_unknown_stay_unknown) {
  auto t = table(all_four, "0, 81559, [N/A], [N/A], 478\n");
  derive_memory_figures(t);
  EXPECT_EQ(cell(t, 0, "memory.used"), "<not_available>");
  EXPECT_EQ(cell(t, 0, "memory.free"), "<not_available>");
}

TEST(memory_derivation, a_negative_result_is_not_a_figure) {
  auto t = table(all_four, "0, 100, [N/A], 90, 20\n");
  derive_memory_figures(t);
  EXPECT_EQ(cell(t, 0, "memory.used"), "<not_available>");
}

TEST(memory_derivation, known_figures_and_columns_are_left_alone) {
  const auto before = table(all_four, "0, 81559, 11125, 69956, 478\n");
  auto after = before;
  derive_memory_figures(after);
  EXPECT_EQ(after.fields(), before.fields());
  EXPECT_EQ(after.rows, before.rows);
  // A query that asked for no memory figure has nothing to derive from, and gains no column.
  auto none = table({"index", "pstate"}, "0, P0\n");
  derive_memory_figures(none);
  EXPECT_EQ(none.fields(), (strings{"index", "pstate"}));
  EXPECT_EQ(none.rows.front().size(), 2u);
}

}  // namespace
}  // namespace smistat::collect
