// "No unexplained cell": every cell of every recorded all-fields query reads as its field's
// kind, or is a known placeholder. A new driver that prints something new fails here first.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "parsers/csv_dialect.hpp"
#include "parsers/field_kind.hpp"
#include "parsers/query_csv.hpp"
#include "tests/parsers/parsed_json.hpp"
#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

namespace fs = std::filesystem;

struct recorded_table {
  std::string label;
  std::vector<std::string> fields;
  query_table table;
};

std::vector<recorded_table> all_recorded_tables() {
  std::vector<recorded_table> out;
  for (const auto& dir : test::machine_dirs())
    for (const char* file : {"query-gpu.idle.csv", "query-gpu.load.csv"}) {
      if (!fs::exists(dir / file)) continue;
      const auto text = test::read_file(dir / file);
      auto fields = parsers::header_field_names(text);
      auto table = parse_query_csv(text, fields, {});
      EXPECT_TRUE(table) << dir / file;
      if (table)
        out.push_back({dir.filename().string() + "/" + file, std::move(fields), std::move(*table)});
    }
  return out;
}

bool reads_as(const cell& c, value_kind kind) {
  switch (kind) {
    case value_kind::text: return true;
    case value_kind::number: return to_number(c).has_value();
    case value_kind::integer: return to_integer(c).has_value();
    case value_kind::hex: return to_hex(c).has_value();
    case value_kind::flag: return to_flag(c).has_value();
    case value_kind::pstate: return to_pstate(c).has_value();
    case value_kind::timestamp: return to_timestamp(c).has_value();
  }
  return false;
}

TEST(recordings, every_cell_reads_as_its_field_kind) {
  const auto tables = all_recorded_tables();
  ASSERT_GE(tables.size(), 21u);
  std::size_t checked = 0;
  for (const auto& t : tables)
    for (const auto& row : t.table.rows)
      for (std::size_t i = 0; i < row.size(); ++i) {
        const auto& c = row[i];
        const auto& header = t.table.returned[i];
        SCOPED_TRACE(t.label + " " + header.name + " = '" + std::string(c.raw) + "'");
        EXPECT_NE(c.state, availability::unknown_placeholder);
        if (!c.has_value()) continue;
        const auto kind = kind_of_field(header.name, header.unit);
        EXPECT_TRUE(reads_as(c, kind)) << to_string(kind);
        if (!header.unit.empty()) {
          EXPECT_EQ(unit_of(c), header.unit);
        }
        // Hex-looking text only appears in fields the kind table knows as hex.
        if (c.raw.starts_with("0x")) {
          EXPECT_EQ(kind, value_kind::hex);
        }
        ++checked;
      }
  EXPECT_GT(checked, 2000u);
}

// The placeholders real drivers printed in these recordings; a new one must be looked at.
TEST(recordings, placeholders_seen_are_the_known_ones) {
  std::set<std::string> seen;
  for (const auto& t : all_recorded_tables())
    for (const auto& row : t.table.rows)
      for (const auto& c : row)
        if (!c.has_value()) seen.emplace(c.raw);
  const std::set<std::string> expected{"", "N/A", "[N/A]", "[Function Not Found]",
                                       "[Requested functionality has been deprecated]"};
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace smistat::parsers
