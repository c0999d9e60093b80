#include "parsers/column_map.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/query_csv.hpp"

namespace smistat::parsers {
namespace {

using strings = std::vector<std::string>;

TEST(column_map, a_handle_finds_the_column_its_key_names) {
  const column_map m({"index", "memory.used", "name"});
  EXPECT_EQ(m.column(gpu_field::index), 0);
  EXPECT_EQ(m.column(gpu_field::memory_used), 1);
  EXPECT_EQ(m.column(gpu_field::name), 2);
  EXPECT_EQ(m.column(gpu_field::uuid), -1);
  EXPECT_EQ(m.column("name"), 2);
  EXPECT_EQ(m.column("uuid"), -1);
}

// The column a handle finds is the one its name finds: the first, and only under its key.
TEST(column_map, a_handle_and_its_key_find_the_same_column) {
  const column_map m({"pstate", "index", "clocks.gr", "index", "clocks.current.graphics"});
  EXPECT_EQ(m.column(gpu_field::index), 1);
  // `clocks.gr` is the same field under an older name: not the key, so not the handle's column.
  EXPECT_EQ(m.column(gpu_field::clocks_current_graphics), 4);
  for (const auto& row : field_catalogue())
    EXPECT_EQ(m.column(row.field), m.column(row.name())) << row.name();
}

TEST(column_map, with_appends_a_column_and_leaves_the_original_alone) {
  const auto before = column_map::make(strings{"index", "memory.total"});
  const auto after = before->with("memory.used");
  EXPECT_EQ(after->fields(), (strings{"index", "memory.total", "memory.used"}));
  EXPECT_EQ(after->column(gpu_field::memory_used), 2);
  EXPECT_EQ(before->fields(), (strings{"index", "memory.total"}));
  EXPECT_EQ(before->column(gpu_field::memory_used), -1);
}

TEST(column_map, tables_parsed_with_one_map_share_it) {
  const auto columns = column_map::make(strings{"index", "utilization.gpu"});
  const csv_format sample{.header = false, .units = false};
  const auto first = parse_query_csv("0, 35\n", columns, sample);
  const auto second = parse_query_csv("0, 40\n", columns, sample);
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->columns, columns);
  EXPECT_EQ(second->columns, columns);
  EXPECT_EQ(second->find(0, gpu_field::utilization_gpu)->raw, "40");
}

TEST(column_map, a_table_without_columns_finds_nothing) {
  query_table t;
  t.rows.resize(1);
  EXPECT_TRUE(t.fields().empty());
  EXPECT_EQ(t.find(0, gpu_field::index), nullptr);
  EXPECT_EQ(t.find(0, "index"), nullptr);
}

}  // namespace
}  // namespace smistat::parsers
