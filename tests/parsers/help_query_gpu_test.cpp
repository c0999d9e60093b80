#include "parsers/help_query_gpu.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "parsers/csv_dialect.hpp"
#include "tests/parsers/parsed_json.hpp"
#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

namespace fs = std::filesystem;

// Field counts per recording: 115 on 465 and 212 on 590 and 241 on 610.57 per the upstream
// README; the other drivers as counted from their all-fields CSV headers.
TEST(help_query_gpu, field_counts_match_every_recording) {
  const std::map<std::string, std::size_t> want{
      {"geforce-rtx-2080-super__465.27", 115},
      {"geforce-rtx-2080-super-windows__591.86", 210},
      {"geforce-rtx-2080-super-windows__610.62", 239},
      {"geforce-rtx-2080-super__595.71.05", 202},
      {"geforce-rtx-2080-super__610.57.04", 241},
      {"geforce-rtx-4080-super__595.71.05", 202},
      {"h100-80gb-hbm3-mig__590.48.01", 212},
      {"h100-80gb-hbm3__590.48.01", 212},
      {"h200-mig__590.48.01", 212},
      {"h200__590.48.01", 212},
      {"l40s__595.80", 202},
  };
  for (const auto& [machine, count] : want) {
    SCOPED_TRACE(machine);
    const auto catalog = parse_help_query_gpu(
        test::read_file(test::fixtures_dir() / machine / "help-query-gpu.txt"));
    EXPECT_EQ(catalog.fields.size(), count);
  }
}

// The all-fields CSV was queried in help order, so its header is the catalog, name for name.
TEST(help_query_gpu, catalog_equals_the_all_fields_csv_header) {
  for (const auto& dir : test::machine_dirs()) {
    if (!fs::exists(dir / "help-query-gpu.txt")) continue;
    SCOPED_TRACE(dir.filename().string());
    const auto catalog = parse_help_query_gpu(test::read_file(dir / "help-query-gpu.txt"));
    const auto csv = fs::exists(dir / "query-gpu.idle.csv") ? dir / "query-gpu.idle.csv"
                                                            : dir / "query-gpu.load.csv";
    const auto header = parsers::header_field_names(test::read_file(csv));
    ASSERT_EQ(catalog.fields.size(), header.size());
    for (std::size_t i = 0; i < header.size(); ++i) EXPECT_EQ(catalog.fields[i].name, header[i]);
  }
}

TEST(help_query_gpu, aliases_and_lookup) {
  const auto catalog = parse_help_query_gpu(
      test::read_file(test::fixtures_dir() / "h100-80gb-hbm3__590.48.01" / "help-query-gpu.txt"));
  const auto* gr = catalog.find("clocks.gr");
  ASSERT_NE(gr, nullptr);
  EXPECT_EQ(gr->name, "clocks.current.graphics");
  EXPECT_EQ(catalog.find("clocks_throttle_reasons.active")->name, "clocks_event_reasons.active");
  const auto* max_sm = catalog.find("clocks.max.sm");
  ASSERT_NE(max_sm, nullptr);
  EXPECT_TRUE(max_sm->aliases.empty()) << "the help names it twice; the duplicate is dropped";
  EXPECT_EQ(catalog.find("no.such.field"), nullptr);
  EXPECT_FALSE(catalog.find("name")->description.empty());
}

TEST(help_query_gpu, quoted_values_in_descriptions_are_not_fields) {
  const auto catalog = parse_help_query_gpu(
      "Section about persistence properties\n\"Enabled\" or \"Disabled\"\n\n"
      "\"persistence_mode\"\nA flag.\n\"Enabled\" or \"Disabled\"\n\n\"pstate\"\nP0..P12\n");
  ASSERT_EQ(catalog.fields.size(), 2u);
  EXPECT_EQ(catalog.fields[0].name, "persistence_mode");
  EXPECT_EQ(catalog.fields[1].name, "pstate");
}

TEST(help_query_gpu, unknown_text_is_an_empty_catalog) {
  EXPECT_TRUE(parse_help_query_gpu("").fields.empty());
  EXPECT_TRUE(parse_help_query_gpu("NVIDIA-SMI has failed because it couldn't communicate with "
                                   "the NVIDIA driver.\n")
                  .fields.empty());
}

}  // namespace
}  // namespace smistat::parsers
