#include "src/contracts/kit/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <vector>

namespace smistat::render {
namespace {

std::string repr(double v) {
  std::string out;
  append_python_float(out, v);
  return out;
}

std::string quoted(std::string_view s, bool ensure_ascii = false) {
  std::string out;
  append_json_string(out, s, ensure_ascii);
  return out;
}

struct repr_case {
  double value;
  const char* expected;  // Python 3: repr(value)
};

TEST(python_float, prints_like_python_repr) {
  const repr_case cases[] = {
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {20.0, "20.0"},
      {29.31, "29.31"},
      {120.5, "120.5"},
      {320.0, "320.0"},
      {55.12, "55.12"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1.0 / 3.0, "0.3333333333333333"},
      {-2.5, "-2.5"},
      {100.0, "100.0"},
      {1e15, "1000000000000000.0"},
      {9999999999999998.0, "9999999999999998.0"},
      {1e16, "1e+16"},
      {1.5e16, "1.5e+16"},
      {123456789012345678.0, "1.2345678901234568e+17"},
      {1e22, "1e+22"},
      {1e100, "1e+100"},
      {0.0001, "0.0001"},
      {0.00012345, "0.00012345"},
      {1e-5, "1e-05"},
      {1e-7, "1e-07"},
      {1.5e-7, "1.5e-07"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {-1e-10, "-1e-10"},
      {8.22, "8.22"},
      {33.75, "33.75"},
  };
  for (const auto& c : cases) EXPECT_EQ(repr(c.value), c.expected) << c.expected;
}

TEST(python_float, never_writes_nan_or_infinity_in_release) {
#ifdef NDEBUG
  EXPECT_EQ(repr(std::numeric_limits<double>::quiet_NaN()), "0.0");
  EXPECT_EQ(repr(std::numeric_limits<double>::infinity()), "0.0");
#else
  GTEST_SKIP() << "debug builds assert instead";
#endif
}

TEST(python_float, nan_asserts_in_debug) {
#ifndef NDEBUG
  EXPECT_DEATH(repr(std::numeric_limits<double>::quiet_NaN()), "NaN");
#else
  GTEST_SKIP() << "release builds write 0.0";
#endif
}

struct round_case {
  double value;
  int ndigits;
  const char* expected;  // Python 3: repr(round(value, ndigits))
};

TEST(python_round, matches_python_round_half_even_on_binary_value) {
  const round_case cases[] = {
      {2.675, 2, "2.67"},    // 2.67499999... in binary
      {0.125, 2, "0.12"},    // exact tie, to even
      {0.375, 2, "0.38"},    // exact tie, to even
      {20.825, 2, "20.82"},  // 20.8249999...
      {2.5, 0, "2.0"},       // tie to even
      {3.5, 0, "4.0"},
      {-2.5, 0, "-2.0"},
      {-0.001, 2, "-0.0"},
      {1.005, 2, "1.0"},  // 1.00499999...
      {0.5, 0, "0.0"},
      {29.30666666666667, 2, "29.31"},
      {20.833333333333332, 2, "20.83"},
      {8.217773437500002, 2, "8.22"},
      {33.75, 2, "33.75"},
      {1e16, 2, "1e+16"},
      {123.456, 1, "123.5"},
      {0.045, 2, "0.04"},  // 0.04499999...
      {0.0, 2, "0.0"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(repr(python_round(c.value, c.ndigits)), c.expected)
        << "round(" << c.value << ", " << c.ndigits << ")";
}

TEST(python_round, passes_non_finite_and_huge_ndigits_through) {
  EXPECT_TRUE(std::isnan(python_round(std::numeric_limits<double>::quiet_NaN(), 2)));
  EXPECT_EQ(python_round(std::numeric_limits<double>::infinity(), 2),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(python_round(0.1, 400), 0.1);
  EXPECT_EQ(python_round(1.7976931348623157e308, 2), 1.7976931348623157e308);
}

/** What Python's round() is by definition: the exact binary value printed correctly rounded
 *  (glibc's printf rounds ties to even), read back as the nearest double. */
double printed_round(double x, int ndigits) {
  char buf[700];
  std::snprintf(buf, sizeof buf, "%.*f", ndigits, x);
  return std::strtod(buf, nullptr);
}

bool same_double(double a, double b) { return a == b && std::signbit(a) == std::signbit(b); }

TEST(python_round, agrees_with_printing_the_exact_value_on_ties_near_ties_and_random_figures) {
  std::mt19937_64 random(20261207);
  std::vector<double> figures;
  for (int i = 0; i < 20000; ++i) {
    // Figures as nvidia-smi and /proc print them (a few decimals), then any double at all.
    const double printed = static_cast<double>(random() % 2000000) / 100.0;
    figures.push_back(printed);
    figures.push_back(-printed);
    figures.push_back(
        std::ldexp(static_cast<double>(random() >> 11), -static_cast<int>(random() % 80)));
  }
  // Exact ties (k + 0.5) / 10^n and the doubles either side of them, where one ulp decides.
  for (int k = -3000; k <= 3000; ++k) {
    for (const double scale : {1.0, 10.0, 100.0}) {
      const double tie = (k + 0.5) / scale;
      figures.insert(figures.end(), {tie, std::nextafter(tie, 1e300), std::nextafter(tie, -1e300)});
    }
  }
  figures.insert(figures.end(), {0x1p52 / 10, -0x1p52 / 10, 4.5e15, 1e-310, -1e-310, -0.0});
  for (const double x : figures)
    for (int ndigits = 0; ndigits <= 6; ++ndigits)
      ASSERT_TRUE(same_double(python_round(x, ndigits), printed_round(x, ndigits)))
          << std::hexfloat << "round(" << x << ", " << ndigits << ")";
}

struct escape_case {
  std::string_view input;
  const char* compact;  // json.dumps(s, ensure_ascii=False)
  const char* ascii;    // json.dumps(s)
};

TEST(json_string, escapes_like_python_json_dumps) {
  using namespace std::string_view_literals;
  const escape_case cases[] = {
      {"plain", R"("plain")", R"("plain")"},
      {"", R"("")", R"("")"},
      {"a\"b", R"("a\"b")", R"("a\"b")"},
      {"a\\b", R"("a\\b")", R"("a\\b")"},
      {"l1\nl2\r\t", R"("l1\nl2\r\t")", R"("l1\nl2\r\t")"},
      {"\b\f", R"("\b\f")", R"("\b\f")"},
      {"\x01\x1f", R"("\u0001\u001f")", R"("\u0001\u001f")"},
      {"nul\0x"sv, R"("nul\u0000x")", R"("nul\u0000x")"},
      {"del\x7f", "\"del\x7f\"", R"("del\u007f")"},
      {"/path</", R"("/path</")", R"("/path</")"},
      {"caf\xc3\xa9", "\"caf\xc3\xa9\"", R"("caf\u00e9")"},
      {"\xe2\x82\xac", "\"\xe2\x82\xac\"", R"("\u20ac")"},
      {"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"", R"("\ud83d\ude00")"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(quoted(c.input), c.compact) << c.compact;
    EXPECT_EQ(quoted(c.input, true), c.ascii) << c.ascii;
  }
}

TEST(json_string, replaces_invalid_utf8_with_replacement_character) {
  const escape_case cases[] = {
      {"a\xff"
       "b",
       "\"a\xef\xbf\xbd"
       "b\"",
       R"("a\ufffdb")"},                                                  // stray byte
      {"\xc3", "\"\xef\xbf\xbd\"", R"("\ufffd")"},                        // truncated
      {"\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"", R"("\ufffd\ufffd")"},  // overlong
      {"\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"",
       R"("\ufffd\ufffd\ufffd")"},  // encoded surrogate
      {"\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"",
       R"("\ufffd\ufffd\ufffd\ufffd")"},  // above U+10FFFF
  };
  for (const auto& c : cases) {
    EXPECT_EQ(quoted(c.input), c.compact) << c.ascii;
    EXPECT_EQ(quoted(c.input, true), c.ascii) << c.ascii;
  }
}

TEST(json_writer, writes_compact_nested_structures) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("a").integer(1).key("b").begin_array().integer(-2).number(2.0);
  w.boolean(true).boolean(false).null().begin_object().end_object().begin_array().end_array();
  w.end_array().key("c").string("x").key("d").integer_or_null(std::nullopt);
  w.key("e").number_or_null(1.5).key("f").string_or_null(std::string("s")).end_object();
  EXPECT_EQ(out, R"({"a":1,"b":[-2,2.0,true,false,null,{},[]],"c":"x","d":null,"e":1.5,"f":"s"})");
}

TEST(json_writer, raw_values_are_placed_like_any_value) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("schema").raw(R"({"type":"object"})").key("list").begin_array();
  w.raw("1").raw("[]").end_array().end_object();
  EXPECT_EQ(out, R"({"schema":{"type":"object"},"list":[1,[]]})");
}

TEST(json_writer, spaced_style_matches_json_dumps_defaults) {
  std::string out;
  json_writer w(out, {.ensure_ascii = true, .spaced = true});
  w.begin_object().key("k\xc3\xa9").begin_array().integer(1).integer(2).end_array();
  w.key("n").null().end_object();
  EXPECT_EQ(out, R"({"k\u00e9": [1, 2], "n": null})");
}

TEST(json_writer, appends_to_existing_text_and_handles_extreme_integers) {
  std::string out = "data: ";
  json_writer(out)
      .begin_array()
      .integer(std::numeric_limits<std::int64_t>::min())
      .integer(std::numeric_limits<std::int64_t>::max())
      .end_array();
  EXPECT_EQ(out, "data: [-9223372036854775808,9223372036854775807]");
}

TEST(json_writer, nesting_past_the_limit_asserts_in_debug) {
#ifndef NDEBUG
  EXPECT_DEATH(
      {
        std::string out;
        json_writer w(out);
        for (int i = 0; i < 65; ++i) w.begin_array();
      },
      "nested too deeply");
#else
  GTEST_SKIP() << "release builds do not check";
#endif
}

}  // namespace
}  // namespace smistat::render
