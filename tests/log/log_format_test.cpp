// Log lines in the three formats (goldens at a fixed time) and the access log's record: what it
// holds, and that no API key or credential ever reaches it.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <string>

#include "src/common/log.hpp"
#include "src/common/log_line.hpp"
#include "src/http/access_log.hpp"

namespace smistat {
namespace {

using namespace std::chrono_literals;

// 2026-07-14T08:12:53.353Z
const auto when = std::chrono::system_clock::time_point(1'784'016'773'353ms);

TEST(log_line, message_only_in_each_format) {
  using log::format;
  EXPECT_EQ(log::format_line(format::human, when, log::level::warning, "disk low", {}),
            "2026-07-14T08:12:53.353Z WARNING disk low\n");
  EXPECT_EQ(log::format_line(format::logfmt, when, log::level::warning, "disk low", {}),
            "ts=2026-07-14T08:12:53.353Z level=warning msg=\"disk low\"\n");
  EXPECT_EQ(log::format_line(format::json, when, log::level::warning, "disk low", {}),
            "{\"ts\":\"2026-07-14T08:12:53.353Z\",\"level\":\"warning\",\"msg\":\"disk low\"}\n");
}

TEST(log_line, fields_keep_their_types_and_are_escaped) {
  using log::format;
  const std::array<log::field, 4> fields{{{"file", "/etc/web.yml"},
                                          {"quote", "say \"hi\"\nnext=line"},
                                          {"count", std::uint64_t{42}},
                                          {"seconds", 0.5}}};
  EXPECT_EQ(log::format_line(format::human, when, log::level::info, "reloaded", fields),
            "2026-07-14T08:12:53.353Z INFO reloaded file=/etc/web.yml "
            "quote=\"say \\\"hi\\\"\\nnext=line\" count=42 seconds=0.5\n");
  EXPECT_EQ(log::format_line(format::logfmt, when, log::level::info, "reloaded", fields),
            "ts=2026-07-14T08:12:53.353Z level=info msg=reloaded file=/etc/web.yml "
            "quote=\"say \\\"hi\\\"\\nnext=line\" count=42 seconds=0.5\n");
  EXPECT_EQ(log::format_line(format::json, when, log::level::info, "reloaded", fields),
            "{\"ts\":\"2026-07-14T08:12:53.353Z\",\"level\":\"info\",\"msg\":\"reloaded\","
            "\"file\":\"/etc/web.yml\",\"quote\":\"say \\\"hi\\\"\\nnext=line\",\"count\":42,"
            "\"seconds\":0.5}\n");
}

TEST(log_line, empty_and_control_values_are_quoted_in_logfmt) {
  const std::array<log::field, 2> fields{{{"empty", ""}, {"bell", "a\x07"}}};
  EXPECT_EQ(log::format_line(log::format::logfmt, when, log::level::error, "x", fields),
            "ts=2026-07-14T08:12:53.353Z level=error msg=x empty=\"\" bell=\"a\\x07\"\n");
}

TEST(log_format, names_parse) {
  log::format f{};
  ASSERT_TRUE(log::parse_format("logfmt", f));
  EXPECT_EQ(f, log::format::logfmt);
  ASSERT_TRUE(log::parse_format("json", f));
  EXPECT_EQ(f, log::format::json);
  ASSERT_TRUE(log::parse_format("human", f));
  EXPECT_EQ(f, log::format::human);
  EXPECT_FALSE(log::parse_format("JSON", f));
  EXPECT_FALSE(log::parse_format("", f));
}

const http::access_entry request{
    "127.0.0.1:51234", "GET", "/gpu/stream?interval=1&api_key=SECRET", 200, 512, 83us};

TEST(access_log, golden_line_in_each_format) {
  EXPECT_EQ(http::format_access_log_line(log::format::human, when, request),
            "2026-07-14T08:12:53.353Z INFO access 127.0.0.1:51234 "
            "\"GET /gpu/stream?interval=1&api_key=***\" 200 512B 83us\n");
  EXPECT_EQ(http::format_access_log_line(log::format::logfmt, when, request),
            "ts=2026-07-14T08:12:53.353Z level=info msg=request method=GET "
            "path=\"/gpu/stream?interval=1&api_key=***\" status=200 bytes=512 "
            "duration_seconds=0.000083 peer=127.0.0.1:51234\n");
  EXPECT_EQ(http::format_access_log_line(log::format::json, when, request),
            "{\"ts\":\"2026-07-14T08:12:53.353Z\",\"level\":\"info\",\"msg\":\"request\","
            "\"method\":\"GET\",\"path\":\"/gpu/stream?interval=1&api_key=***\",\"status\":200,"
            "\"bytes\":512,\"duration_seconds\":0.000083,\"peer\":\"127.0.0.1:51234\"}\n");
}

TEST(access_log, no_format_writes_a_key_from_the_query) {
  const http::access_entry encoded{"[::1]:1", "GET", "/x?api%5Fkey=SECRET&a=1&api_key=SECRET2",
                                   401,       0,     5us};
  for (const auto f : {log::format::human, log::format::logfmt, log::format::json}) {
    const auto line = http::format_access_log_line(f, when, encoded);
    EXPECT_EQ(line.find("SECRET"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace smistat
