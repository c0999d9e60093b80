// Query values as Starlette reads them, Python's float(), and keys kept out of the access log.
#include "src/http/query.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>

#include "src/http/access_log.hpp"

namespace smistat::http {
namespace {

TEST(query_value, finds_decodes_and_lets_the_last_occurrence_win) {
  struct row {
    const char* query;
    std::optional<std::string> expected;
  };
  const row rows[] = {
      {"", std::nullopt},
      {"interval=1.5", "1.5"},
      {"a=1&interval=2&b=3", "2"},
      {"interval=1&interval=3", "3"},
      {"interval", ""},
      {"interval=", ""},
      {"interval=a%20b+c", "a b c"},
      {"inter%76al=5", "5"},
      {"intervals=5", std::nullopt},
      {"&&interval=7&", "7"},
      {"=1&interval=8", "8"},
      {"interval=1=2", "1=2"},
      // Starlette keeps what Boost.URL refuses (stray '%', '{', '|', raw UTF-8) as written.
      {"interval=%zz", "%zz"},
      {"x={a}&interval=|%7C\xc3\xa9", "||\xc3\xa9"},
      {"interval=50%", "50%"},
  };
  for (const auto& r : rows) EXPECT_EQ(query_value(r.query, "interval"), r.expected) << r.query;
}

TEST(parse_python_float, accepts_what_python_float_accepts) {
  struct row {
    const char* text;
    double expected;
  };
  const row rows[] = {
      {"2", 2.0},         {"2.0", 2.0},     {" 0.5 ", 0.5},      {"+1.5", 1.5}, {"-3", -3.0},
      {".5", 0.5},        {"5.", 5.0},      {"1e1", 10.0},       {"1E-1", 0.1}, {"1_0", 10.0},
      {"1_0.2_5", 10.25}, {"\t60\n", 60.0}, {"1e400", HUGE_VAL},
  };
  for (const auto& r : rows) {
    const auto v = parse_python_float(r.text);
    ASSERT_TRUE(v) << r.text;
    EXPECT_EQ(*v, r.expected) << r.text;
  }
  EXPECT_TRUE(std::isinf(*parse_python_float("-Infinity")));
  EXPECT_LT(*parse_python_float("-inf"), 0.0);
  EXPECT_TRUE(std::isnan(*parse_python_float("NaN")));
}

TEST(parse_python_float, refuses_what_python_float_refuses) {
  for (const char* text : {"", " ", "abc", "1.2.3", "1e", "e5", ".", "_1", "1_", "1__0", "1_.5",
                           "0x10", "1,5", "2 s", "infinit", "--1", "+"}) {
    EXPECT_FALSE(parse_python_float(text)) << '"' << text << '"';
  }
}

TEST(redact_target, hides_every_api_key_value) {
  struct row {
    const char* target;
    const char* expected;
  };
  const row rows[] = {
      {"/gpu/stream", "/gpu/stream"},
      {"/gpu/stream?interval=1", "/gpu/stream?interval=1"},
      {"/gpu/stream?api_key=s3cret", "/gpu/stream?api_key=***"},
      {"/gpu/stream?interval=1&api_key=s3cret&x=2", "/gpu/stream?interval=1&api_key=***&x=2"},
      {"/gpu/stream?api%5Fkey=s3cret&api_key=other", "/gpu/stream?api%5Fkey=***&api_key=***"},
      {"/gpu/stream?my_api_key=visible", "/gpu/stream?my_api_key=visible"},
  };
  for (const auto& r : rows) EXPECT_EQ(redact_target(r.target), r.expected) << r.target;
}

TEST(access_log, never_writes_a_key_from_the_query) {
  const std::string line = format_access_line(
      {"127.0.0.1:5", "GET", "/gpu/stream?api_key=s3cret", 200, 10, std::chrono::microseconds(3)});
  EXPECT_EQ(line.find("s3cret"), std::string::npos) << line;
  EXPECT_NE(line.find("api_key=***"), std::string::npos) << line;
}

}  // namespace
}  // namespace smistat::http
