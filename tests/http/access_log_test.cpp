#include "src/http/access_log.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <climits>
#include <cstdint>
#include <regex>
#include <sstream>
#include <string>

#include "src/common/log.hpp"
#include "src/http/access_log_buffer.hpp"
#include "tests/http/test_client.hpp"

namespace smistat::http {
namespace {

using namespace std::chrono;

const system_clock::time_point bastille_day{milliseconds(1784016773353)};

std::string human_line(const access_entry& e, system_clock::time_point when = bastille_day) {
  return format_access_log_line(log::format::human, when, e);
}

TEST(access_log_fields, each_field_in_its_place) {
  const access_entry e{"10.1.2.3:40000", "POST", "/gpu/stats", 201, 7, microseconds(1234)};
  EXPECT_EQ(human_line(e),
            "2026-07-14T08:12:53.353Z INFO access 10.1.2.3:40000 "
            "\"POST /gpu/stats\" 201 7B 1234us\n");
}

TEST(access_log_fields, an_ipv6_peer_is_written_as_given) {
  const access_entry e{"[::1]:8000", "GET", "/", 200, 0, microseconds(0)};
  EXPECT_EQ(format_access_line(e), R"(access [::1]:8000 "GET /" 200 0B 0us)");
}

TEST(access_log_fields, an_unparsed_request_is_dashes) {
  const access_entry e{"-", "-", "-", 400, 31, microseconds(5)};
  EXPECT_EQ(format_access_line(e), R"(access - "- -" 400 31B 5us)");
}

TEST(access_log_fields, numbers_are_written_whole_at_their_limits) {
  const access_entry e{"h:1", "GET", "/x", 0, SIZE_MAX, microseconds(INT64_MAX)};
  EXPECT_EQ(format_access_line(e), "access h:1 \"GET /x\" 0 " + std::to_string(SIZE_MAX) + "B " +
                                       std::to_string(INT64_MAX) + "us");
}

TEST(access_log_fields, every_control_byte_in_method_and_target_is_escaped) {
  const access_entry e{"h:1", "G\tT", std::string_view("/\x01\x1f\x7f\"\\\xff", 7),
                       200,   1,      microseconds(2)};
  EXPECT_EQ(format_access_line(e),
            "access h:1 \"G\\x09T /\\x01\\x1f\\x7f\\x22\\x5c\xff\" 200 1B 2us");
}

TEST(access_log_fields, a_key_is_redacted_and_what_follows_it_still_escaped) {
  const access_entry e{"h:1", "GET", "/s?api_key=SECRET&n=\"1\"&API_KEY=x",
                       401,   0,     microseconds(9)};
  EXPECT_EQ(format_access_line(e),
            R"(access h:1 "GET /s?api_key=***&n=\x221\x22&API_KEY=x" 401 0B 9us)");
}

TEST(access_log_fields, the_time_is_utc_with_milliseconds) {
  const access_entry e{"h:1", "GET", "/", 200, 0, microseconds(0)};
  const auto stamp_of = [&](system_clock::time_point when) {
    return human_line(e, when).substr(0, human_line(e, when).find(' '));
  };
  EXPECT_EQ(stamp_of(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(stamp_of(bastille_day), "2026-07-14T08:12:53.353Z");
  // The last millisecond of a leap day, and a time with micro- and nanoseconds to drop.
  EXPECT_EQ(stamp_of(sys_days{2024y / February / 29} + 23h + 59min + 59s + 999ms),
            "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(stamp_of(sys_days{2031y / December / 31} + 1h + 2min + 3s + 4ms + 999us),
            "2031-12-31T01:02:03.004Z");
}

TEST(access_log_fields, the_human_line_is_what_the_logger_writes_for_the_message) {
  // The logger's own line for the same message, over times spread across a century.
  const access_entry e{"127.0.0.1:1", "GET", "/gpu/stats?api_key=k", 200, 15, microseconds(83)};
  for (std::int64_t ms = 0; ms < 4'102'444'800'000; ms += 3'999'999'937) {
    const system_clock::time_point when{milliseconds(ms)};
    ASSERT_EQ(human_line(e, when), log::format_line(log::format::human, when, log::level::info,
                                                    format_access_line(e), {}))
        << ms;
  }
}

const access_entry sample{"127.0.0.1:5000", "GET", "/gpu/stats", 200, 15, microseconds(83)};

TEST(access_log_buffer, lines_left_in_the_buffer_are_written_when_the_io_context_goes) {
  ::testing::internal::CaptureStderr();
  {
    net::io_context io(1);
    auto& buffer = access_log_buffer::of(io.get_executor());
    for (int i = 0; i < 3; ++i) buffer.add(log::format::human, bastille_day, sample);
    // The io_context never runs: its queued flush never does either.
  }
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(log, human_line(sample) + human_line(sample) + human_line(sample));
}

TEST(access_log_buffer, a_line_is_written_once_the_io_context_has_run_its_queue) {
  net::io_context io(1);
  auto& buffer = access_log_buffer::of(io.get_executor());
  ::testing::internal::CaptureStderr();
  buffer.add(log::format::human, bastille_day, sample);
  io.poll();
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(log, human_line(sample));
}

TEST(access_log_buffer, a_batch_past_pipe_buf_keeps_every_line_whole_and_in_order) {
  std::string expected;
  ::testing::internal::CaptureStderr();
  {
    net::io_context io(1);
    auto& buffer = access_log_buffer::of(io.get_executor());
    const std::string long_target(PIPE_BUF, 'x');  // one line longer than a batch
    for (unsigned status = 100; status < 400; ++status) {
      const std::string_view target = status == 250 ? std::string_view(long_target) : "/a";
      const access_entry e{"h:1", "GET", target, status, 1, microseconds(1)};
      buffer.add(log::format::human, bastille_day, e);
      expected += human_line(e);
    }
  }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), expected);
}

}  // namespace

namespace test {
namespace {

TEST_F(server_test, access_log_loses_no_line_at_a_clean_stop) {
  server_options options = test_options();
  options.access_log = true;
  start(options);
  ::testing::internal::CaptureStderr();
  constexpr int connections = 4;
  constexpr int requests_each = 40;
  for (int c = 0; c < connections; ++c) {
    client each = connect();
    for (int r = 0; r < requests_each; ++r)
      ASSERT_EQ(each.get("/echo?c=" + std::to_string(c) + "&r=" + std::to_string(r)).result_int(),
                200u);
  }
  stop_and_join();
  const std::string log = ::testing::internal::GetCapturedStderr();
  const std::regex whole(
      R"re(\S+ INFO access 127\.0\.0\.1:\d+ "GET /echo\?c=\d&r=\d+" 200 \d+B \d+us)re");
  std::istringstream lines(log);
  int seen = 0;
  for (std::string text; std::getline(lines, text);) {
    if (text.find(" access ") == std::string::npos) continue;
    EXPECT_TRUE(std::regex_match(text, whole)) << text;
    ++seen;
  }
  EXPECT_EQ(seen, connections * requests_each) << log;
}

}  // namespace
}  // namespace test
}  // namespace smistat::http
