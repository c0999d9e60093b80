#include "parsers/query_csv.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parsers/parse_error.hpp"
#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

using strings = std::vector<std::string>;

std::string synthetic(const char* name) {
  return test::read_file(test::fixtures_dir() / "synthetic" / name);
}

TEST(query_csv, crlf_file_parses_like_lf) {
  const auto text = synthetic("synthetic-crlf.csv");
  ASSERT_NE(text.find("\r\n"), std::string::npos) << "fixture lost its CRLF bytes";
  const strings fields{"index", "name", "memory.used", "power.draw", "pstate"};
  const auto t = parse_query_csv(text, fields, {});
  ASSERT_TRUE(t) << t.error().message();
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->returned[4], (returned_field{"pstate", ""}));
  EXPECT_EQ(t->rows[0][4].raw, "P0");
  EXPECT_EQ(to_number(t->rows[0][3]), 631.95);
  EXPECT_EQ(t->rows[1][2].state, availability::not_available);
  EXPECT_EQ(t->rows[1][3].state, availability::not_supported);
}

TEST(query_csv, aliases_map_by_position_not_by_header) {
  const auto text = test::read_file(test::fixtures_dir() / "issue-threads" /
                                    "csv__geforce-rtx-2080-ti__bpytop-26.csv");
  const strings fields{"gpu_name",    "fan.speed",       "memory.total",
                       "memory.used", "utilization.gpu", "temperature.gpu",
                       "power.draw",  "clocks.gr",       "clocks.mem"};
  const auto t = parse_query_csv(text, fields, {});
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->returned[0].name, "name");
  EXPECT_EQ(t->returned[7].name, "clocks.current.graphics");
  ASSERT_NE(t->find(0, "clocks.gr"), nullptr);
  EXPECT_EQ(t->find(0, "clocks.gr")->raw, "1350 MHz");
  EXPECT_EQ(t->find(0, "gpu_name")->raw, "GeForce RTX 2080 Ti");
  EXPECT_EQ(t->find(0, "clocks.current.graphics"), nullptr);
  EXPECT_EQ(t->find(1, "clocks.gr"), nullptr);
  EXPECT_EQ(t->column("clocks.mem"), 8);
}

TEST(query_csv, noheader_nounits_skips_blank_lines) {
  const strings fields{"index", "memory.total", "memory.used", "power.draw", "pstate"};
  const auto t = parse_query_csv(synthetic("synthetic-noheader-nounits.csv"), fields,
                                 {.header = false, .units = false});
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_TRUE(t->returned.empty());
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(to_number(t->rows[0][3]), 631.95);
  EXPECT_EQ(unit_of(t->rows[0][3]), "");
  EXPECT_EQ(to_integer(t->rows[1][0]), 1);
}

TEST(query_csv, every_placeholder_is_a_cell_with_its_reason) {
  const strings fields{
      "index",     "memory.used",       "power.draw",    "temperature.gpu",  "temperature.memory",
      "fan.speed", "clocks.current.sm", "clocks.max.sm", "ecc.mode.current", "serial"};
  const auto t = parse_query_csv(synthetic("synthetic-every-placeholder.csv"), fields, {});
  ASSERT_TRUE(t) << t.error().message();
  ASSERT_EQ(t->rows.size(), 1u);
  const availability want[] = {availability::present,
                               availability::not_available,
                               availability::not_supported,
                               availability::unknown_error,
                               availability::not_available,
                               availability::insufficient_permissions,
                               availability::deprecated,
                               availability::function_not_found,
                               availability::gpu_requires_reset,
                               availability::empty};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    SCOPED_TRACE(fields[i]);
    EXPECT_EQ(t->rows[0][i].state, want[i]);
  }
  EXPECT_EQ(t->rows[0][4].raw, "N/A");
}

TEST(query_csv, unknown_placeholder_keeps_its_text) {
  const strings fields{"index", "memory.used", "power.draw"};
  const auto t =
      parse_query_csv(synthetic("synthetic-unknown-placeholder.csv"), fields, {.header = false});
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->rows[0][2].state, availability::unknown_placeholder);
  EXPECT_EQ(t->rows[0][2].raw, "[Brand New Placeholder]");
}

TEST(query_csv, lost_gpu_lines_among_rows) {
  const strings fields{"index", "pci.bus_id", "memory.used"};
  const auto t = parse_query_csv(synthetic("synthetic-lost-gpu.csv"), fields, {});
  ASSERT_TRUE(t) << t.error().message();
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1][0].raw, "2");
  ASSERT_EQ(t->lost.size(), 2u);
  EXPECT_EQ(t->lost[0].bus_id, "0000:02:00.0");
  EXPECT_EQ(t->lost[0].reason, "GPU is lost.  Reboot the system to recover this GPU");
  EXPECT_EQ(t->lost[1].bus_id, "0000:04:00.0");
  EXPECT_EQ(t->lost[1].reason, "Unknown Error");
}

TEST(query_csv, only_lost_gpus_is_an_answer_not_empty_input) {
  const strings fields{"index"};
  const auto t = parse_query_csv(
      "Unable to determine the device handle for GPU 0000:03:00.0: Unknown Error\n", fields, {});
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_TRUE(t->rows.empty());
  EXPECT_EQ(t->lost.size(), 1u);
}

struct failure_case {
  const char* name;
  std::string text;
  csv_format format;
  parse_errc want;
};

TEST(query_csv, malformed_documents_are_rejected_with_their_reason) {
  const strings fields{"index", "memory.used", "power.draw"};
  const failure_case cases[] = {
      {"empty", "", {}, parse_errc::empty_input},
      {"blank lines only", "\n \r\n\n", {}, parse_errc::empty_input},
      {"ragged row", synthetic("synthetic-ragged-row.csv"), {}, parse_errc::ragged_row},
      {"row too wide", "0, 1 MiB, 2 W, extra\n", {.header = false}, parse_errc::ragged_row},
      {"header too narrow",
       "index, memory.used [MiB]\n0, 1 MiB\n",
       {},
       parse_errc::header_mismatch},
      {"header too wide", "a, b, c, d\n", {}, parse_errc::header_mismatch},
      {"empty header cell", "index, , power.draw [W]\n", {}, parse_errc::bad_header_field},
      {"header with blank",
       "index, memory used, power.draw [W]\n",
       {},
       parse_errc::bad_header_field},
      {"half unit", "index, memory.used [MiB, power.draw [W]\n", {}, parse_errc::bad_header_field},
      {"header expected, row given", "0, 1 MiB, 2 W\n", {}, parse_errc::bad_header_field},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto t = parse_query_csv(c.text, fields, c.format);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error(), make_error_code(c.want));
    EXPECT_EQ(t.error().category().name(), std::string_view("smistat.parse"));
    EXPECT_FALSE(t.error().message().empty());
  }
}

TEST(query_csv, header_only_is_zero_rows) {
  const strings fields{"timestamp", "index", "fan.speed", "pstate"};
  const auto t = parse_query_csv(synthetic("synthetic-header-only.csv"), fields, {});
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_TRUE(t->rows.empty());
  EXPECT_EQ(t->returned.size(), 4u);
}

TEST(query_csv, noheader_empty_text_is_zero_rows) {
  const strings fields{"index"};
  const auto t = parse_query_csv("", fields, {.header = false});
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->rows.empty());
  EXPECT_EQ(t->fields(), fields);
}

TEST(query_csv, lost_gpu_line_variants) {
  const auto spaced = parse_lost_gpu_line(
      "Unable to determine the device handle for GPU 0000:0B:00.0: Unknown Error\r");
  ASSERT_TRUE(spaced);
  EXPECT_EQ(spaced->bus_id, "0000:0B:00.0");
  EXPECT_EQ(spaced->line,
            "Unable to determine the device handle for GPU 0000:0B:00.0: Unknown Error");
  const auto joined = parse_lost_gpu_line(
      "Unable to determine the device handle for GPU0000:07:00.0: Unknown Error");
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->bus_id, "0000:07:00.0");
  EXPECT_FALSE(parse_lost_gpu_line("Unable to determine the device handle for GPU"));
  EXPECT_FALSE(parse_lost_gpu_line("Unable to determine the device handle for GPU : x"));
  EXPECT_FALSE(parse_lost_gpu_line("0, 1 MiB"));
}

}  // namespace
}  // namespace smistat::parsers

namespace smistat::parsers {
namespace {

// Cells view the text the table keeps, not the caller's: the output a loop child printed is
// gone once its batch is parsed, and published tables are copied and outlive their parse.
TEST(query_csv, cells_outlive_the_output_they_were_read_from) {
  const strings fields{"index", "name", "power.draw"};
  std::optional<query_table> copy;
  {
    auto text = std::make_unique<std::string>(
        "index, name, power.draw [W]\n0, NVIDIA H100 80GB HBM3 with a long name, 120.50 W\n");
    auto parsed = parse_query_csv(*text, fields, {});
    ASSERT_TRUE(parsed) << parsed.error().message();
    text->assign(text->size(), '#');  // the caller reuses its buffer...
    text.reset();                     // ...and lets it go
    copy = *parsed;
  }  // the table parsed first is gone too: the copy keeps the text
  EXPECT_EQ(copy->rows[0][1].raw, "NVIDIA H100 80GB HBM3 with a long name");
  EXPECT_EQ(to_number(copy->rows[0][2]), 120.5);
}

TEST(query_csv, value_text_is_empty_for_a_placeholder_and_a_field_not_asked_for) {
  const strings fields{"index", "uuid"};
  const auto t = parse_query_csv("0, [N/A]\n", fields, {.header = false});
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->value_text(0, gpu_field::index), "0");
  EXPECT_EQ(t->value_text(0, gpu_field::uuid), "");
  EXPECT_EQ(t->value_text(0, gpu_field::name), "");
}

TEST(query_csv, kept_text_lives_as_long_as_the_table) {
  query_table t;
  t.set_fields({"memory.used"});
  t.rows = {{make_cell(t.keep(std::string(40, '7')))}};
  const query_table moved = std::move(t);
  EXPECT_EQ(moved.rows[0][0].raw, std::string(40, '7'));
  EXPECT_EQ(moved.texts.size(), 1u);
}

}  // namespace
}  // namespace smistat::parsers
