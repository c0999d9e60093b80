#include "parsers/csv_dialect.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace smistat::parsers {
namespace {

using views = std::vector<std::string_view>;

TEST(csv_dialect, format_argument_variants) {
  const std::pair<std::string_view, std::optional<csv_format>> cases[] = {
      {"csv", csv_format{true, true}},
      {"csv,noheader", csv_format{false, true}},
      {"csv,nounits", csv_format{true, false}},
      {"csv,noheader,nounits", csv_format{false, false}},
      {"noheader,nounits,csv", csv_format{false, false}},
      {"noheader", std::nullopt},
      {"csv,xml", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [arg, want] : cases) {
    SCOPED_TRACE(arg);
    EXPECT_EQ(parse_format_argument(arg), want);
  }
}

TEST(csv_dialect, split_lines_tolerates_crlf_blank_lines_and_no_final_newline) {
  EXPECT_EQ(split_lines("a\r\nb\r\n"), (views{"a", "b"}));
  EXPECT_EQ(split_lines("a\n\n  \n\r\nb"), (views{"a", "b"}));
  EXPECT_EQ(split_lines(""), views{});
  EXPECT_EQ(split_lines("\n\n"), views{});
}

TEST(csv_dialect, split_cells_trims_and_keeps_empty_cells) {
  EXPECT_EQ(split_cells("0, NVIDIA H100, 35 %"), (views{"0", "NVIDIA H100", "35 %"}));
  EXPECT_EQ(split_cells("a,,b, "), (views{"a", "", "b", ""}));
  EXPECT_EQ(split_cells("C:\\Program Files\\x.exe, [N/A]"),
            (views{"C:\\Program Files\\x.exe", "[N/A]"}));
}

TEST(csv_dialect, header_cells_split_name_and_unit) {
  EXPECT_EQ(parse_header_cell("memory.used [MiB]"), (returned_field{"memory.used", "MiB"}));
  EXPECT_EQ(parse_header_cell(" fan.speed [%] "), (returned_field{"fan.speed", "%"}));
  EXPECT_EQ(parse_header_cell("pstate"), (returned_field{"pstate", ""}));
  EXPECT_EQ(parse_header_cell("power.draw [W]\r"), (returned_field{"power.draw", "W"}));
}

TEST(csv_dialect, header_field_names_come_from_the_first_non_blank_line) {
  using names = std::vector<std::string>;
  EXPECT_EQ(header_field_names("\r\nindex, memory.used [MiB], pstate\r\n0, 10 MiB, P0\r\n"),
            (names{"index", "memory.used", "pstate"}));
  EXPECT_EQ(header_field_names(""), names{});
  EXPECT_EQ(header_field_names("  \n\n"), names{});
}

}  // namespace
}  // namespace smistat::parsers
