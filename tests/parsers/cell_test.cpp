#include "parsers/cell.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string_view>

namespace smistat::parsers {
namespace {

TEST(cell, make_cell_trims_and_keeps_placeholder_text) {
  const auto c = make_cell("  [Not Supported] \r");
  EXPECT_EQ(c.raw, "[Not Supported]");
  EXPECT_EQ(c.state, availability::not_supported);
  EXPECT_FALSE(c.has_value());
  EXPECT_TRUE(make_cell("35 %").has_value());
}

struct number_case {
  std::string_view text;
  std::optional<double> number;
  std::optional<std::int64_t> integer;
  std::string_view unit;
};

TEST(cell, numbers_with_and_without_units) {
  const number_case cases[] = {
      {"35 %", 35, 35, "%"},
      {"81559 MiB", 81559, 81559, "MiB"},
      {"688.41 W", 688.41, std::nullopt, "W"},
      {"1980 MHz", 1980, 1980, "MHz"},
      {"0 us", 0, 0, "us"},
      {"12 ms", 12, 12, "ms"},
      {"45 C", 45, 45, "C"},
      {"512 KiB", 512, 512, "KiB"},
      {"1.50 W/s", 1.5, std::nullopt, "W/s"},
      {"-5", -5, -5, ""},
      {"12.5", 12.5, std::nullopt, ""},
      {"45.0", 45, std::nullopt, ""},
      {"9223372036854775807", 9223372036854775807.0, 9223372036854775807, ""},
      {"0x0000000000000001", std::nullopt, std::nullopt, ""},
      {"90.04.23.00.5F", std::nullopt, std::nullopt, ""},
      {"P0", std::nullopt, std::nullopt, ""},
      {"inf", std::nullopt, std::nullopt, ""},
      {"nan", std::nullopt, std::nullopt, ""},
      {".5", std::nullopt, std::nullopt, ""},
      {"35  %", std::nullopt, std::nullopt, ""},
      {"35 % extra", std::nullopt, std::nullopt, ""},
      {"35 ", std::nullopt, std::nullopt, ""},
      {"[N/A]", std::nullopt, std::nullopt, ""},
      {"N/A", std::nullopt, std::nullopt, ""},
      {"", std::nullopt, std::nullopt, ""},
      {"-", std::nullopt, std::nullopt, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const cell x{c.text, classify_cell(c.text)};
    EXPECT_EQ(to_number(x), c.number);
    EXPECT_EQ(to_integer(x), c.integer);
    EXPECT_EQ(unit_of(x), c.unit);
  }
}

TEST(cell, integer_out_of_range_is_rejected) {
  EXPECT_EQ(to_integer(make_cell("99999999999999999999")), std::nullopt);
}

TEST(cell, hex_bitmasks_and_ids) {
  const std::pair<std::string_view, std::optional<std::uint64_t>> cases[] = {
      {"0x0000000000000001", 1},
      {"0x00000000000001FF", 0x1FF},
      {"0x1E8110DE", 0x1E8110DE},
      {"0x3", 3},
      {"0XFF", 0xFF},
      {"0xffffffffffffffff", 0xFFFFFFFFFFFFFFFFull},
      {"0x1ffffffffffffffff", std::nullopt},
      {"0x", std::nullopt},
      {"0xZZ", std::nullopt},
      {"0x1F W", std::nullopt},
      {"1F", std::nullopt},
      {"[N/A]", std::nullopt},
  };
  for (const auto& [text, want] : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(to_hex(make_cell(text)), want);
  }
}

TEST(cell, flags) {
  const std::pair<std::string_view, std::optional<bool>> cases[] = {
      {"Enabled", true},
      {"Disabled", false},
      {"Yes", true},
      {"No", false},
      {"Active", true},
      {"Not Active", false},
      {"On", true},
      {"Off", false},
      {"True", true},
      {"False", false},
      {"enabled", std::nullopt},
      {"Supported", std::nullopt},
      {"[N/A]", std::nullopt},
  };
  for (const auto& [text, want] : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(to_flag(make_cell(text)), want);
  }
}

TEST(cell, pstates) {
  const std::pair<std::string_view, std::optional<int>> cases[] = {
      {"P0", 0},
      {"P8", 8},
      {"P15", 15},
      {"P16", std::nullopt},
      {"P01", std::nullopt},
      {"P", std::nullopt},
      {"p0", std::nullopt},
      {"P0 ", std::nullopt},
      {"Px", std::nullopt},
      {"[N/A]", std::nullopt},
  };
  for (const auto& [text, want] : cases) {
    SCOPED_TRACE(text);
    const cell x{text, classify_cell(text)};
    EXPECT_EQ(to_pstate(x), want);
  }
}

TEST(cell, timestamps) {
  EXPECT_EQ(to_timestamp(make_cell("2026/07/14 08:12:53.353")),
            (smi_timestamp{2026, 7, 14, 8, 12, 53, 353}));
  EXPECT_EQ(to_timestamp(make_cell("2021/06/09 23:27:38")),
            (smi_timestamp{2021, 6, 9, 23, 27, 38, 0}));
  for (const std::string_view bad :
       {"2026/13/14 08:12:53.353", "2026/07/14 24:12:53.353", "2026-07-14 08:12:53.353",
        "2026/07/14 08:12:53.35", "2026/07/14 08:12:53,353", "2026/07/14", "[N/A]", ""}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(to_timestamp(make_cell(bad)), std::nullopt);
  }
}

}  // namespace
}  // namespace smistat::parsers
