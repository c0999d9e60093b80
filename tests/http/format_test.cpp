#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "src/http/access_log.hpp"
#include "src/http/http_date.hpp"
#include "src/http/response.hpp"
#include "src/http/target.hpp"

namespace smistat::http {
namespace {

TEST(split_target, cuts_at_the_first_question_mark) {
  struct target_case {
    std::string target;
    std::string path;
    std::string query;
  };
  const std::vector<target_case> cases{
      {"/gpu/stats", "/gpu/stats", ""},
      {"/gpu/stats?x=1", "/gpu/stats", "x=1"},
      {"/gpu/stats?", "/gpu/stats", ""},
      {"/a?b=1?c=2", "/a", "b=1?c=2"},
      {"http://host:8000/gpu/stats?x=1", "/gpu/stats", "x=1"},
      {"http://host:8000", "/", ""},
      {"http://host:8000?x=1", "/", "x=1"},
      {"*", "*", ""},
      // Bytes Beast accepts but RFC 3986 (and so Boost.URL) does not: still split as written.
      {"/a{b}|c?x=%zz&y=\xc3\xa9", "/a{b}|c", "x=%zz&y=\xc3\xa9"},
      {"/100%?q", "/100%", "q"},
      {"//double/slash?x", "//double/slash", "x"},
      // Path characters only: taken without a parse, as the grammar would take them.
      {"/", "/", ""},
      {"//", "//", ""},
      {"/a:b@c!$&'()*+,;=-._~", "/a:b@c!$&'()*+,;=-._~", ""},
      {"/gpu%2Fstats", "/gpu%2Fstats", ""},
  };
  for (const auto& c : cases) {
    const auto got = split_target(c.target);
    EXPECT_EQ(got.path, c.path) << c.target;
    EXPECT_EQ(got.query, c.query) << c.target;
  }
}

TEST(percent_decode, matches_python_unquote) {
  struct decode_case {
    std::string in;
    std::string out;
  };
  const std::vector<decode_case> cases{
      {"/a%2Fb", "/a/b"},
      {"%zz", "%zz"},
      {"%4", "%4"},
      {"%41%42", "AB"},
      {"%e2%82%ac", "\xe2\x82\xac"},
      {"a+b", "a+b"},
      {"%", "%"},
      {"/plain", "/plain"},
      {"/a{b}%7C%zz", "/a{b}|%zz"},
  };
  for (const auto& c : cases) EXPECT_EQ(percent_decode(c.in), c.out) << c.in;
}

TEST(percent_decode, reads_plus_as_space_only_when_asked) {
  EXPECT_EQ(percent_decode("a+b%2B", true), "a b+");
  EXPECT_EQ(percent_decode("a+b%2B%", true), "a b+%");
  EXPECT_EQ(percent_decode("a+b%2B"), "a+b+");
}

TEST(http_date, formats_imf_fixdate_in_gmt) {
  using std::chrono::seconds;
  using std::chrono::system_clock;
  EXPECT_EQ(format_http_date(system_clock::time_point(seconds(1795303113))),
            "Sat, 21 Nov 2026 23:18:33 GMT");
  EXPECT_EQ(format_http_date(system_clock::time_point(seconds(915336306))),
            "Sun, 03 Jan 1999 04:05:06 GMT");
}

TEST(access_log, one_line_with_method_target_status_bytes_and_micros) {
  const access_entry e{
      "127.0.0.1:5000", "GET", "/gpu/stats?x=1", 200, 512, std::chrono::microseconds(83)};
  EXPECT_EQ(format_access_line(e), R"(access 127.0.0.1:5000 "GET /gpu/stats?x=1" 200 512B 83us)");
}

TEST(access_log, control_bytes_and_quotes_are_escaped) {
  const access_entry e{"-", "-", "/a\"b\nc\\", 400, 0, std::chrono::microseconds(0)};
  EXPECT_EQ(format_access_line(e), R"(access - "- /a\x22b\x0ac\x5c" 400 0B 0us)");
}

TEST(response, set_header_replaces_case_insensitively) {
  response res;
  res.set_header("Vary", "Accept");
  res.set_header("vary", "Origin");
  res.set_header("x-other", "1");
  EXPECT_EQ(res.headers, (std::vector<header_field>{{"Vary", "Origin"}, {"x-other", "1"}}));
  ASSERT_NE(res.find_header("VARY"), nullptr);
  EXPECT_EQ(*res.find_header("VARY"), "Origin");
  EXPECT_EQ(res.find_header("missing"), nullptr);
}

TEST(response, detail_and_text_responses_use_fastapi_content_types) {
  EXPECT_EQ(detail_response(404, "Not Found").body_view(), R"({"detail":"Not Found"})");
  EXPECT_EQ(detail_response(404, "Not Found").content_type, "application/json");
  EXPECT_EQ(text_response(200, "OK").content_type, "text/plain; charset=utf-8");
}

}  // namespace
}  // namespace smistat::http
