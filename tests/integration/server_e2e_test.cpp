// The real binary's HTTP behaviour and start-up contract: FastAPI-compatible statuses, malformed
// requests, keep-alive, bad configuration.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <thread>

#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

struct command_result {
  int exit_code = -1;
  std::string output;
};

command_result run_smistat(const std::string& args) {
  const auto command = (bin_dir() / "smistat").string() + " " + args + " 2>&1";
  command_result result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class served : public ::testing::Test {
 protected:
  smistat_process server_{{"--replay", machine_dir(eight_gpus).string()}};
};

TEST_F(served, unknown_path_wrong_method_and_trailing_slash_follow_fastapi) {
  const auto missing = http_get(server_.port(), "/nope");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.body, R"({"detail":"Not Found"})");
  const auto post = http_request(server_.port(), "POST", "/gpu/stats");
  EXPECT_EQ(post.status, 405u);
  EXPECT_EQ(post.headers.at("allow"), "GET");
  EXPECT_EQ(post.body, R"({"detail":"Method Not Allowed"})");
  const auto slash = http_get(server_.port(), "/gpu/stats/");
  EXPECT_EQ(slash.status, 307u);
  EXPECT_EQ(slash.headers.at("location"),
            "http://127.0.0.1:" + std::to_string(server_.port()) + "/gpu/stats");
  EXPECT_EQ(http_get(server_.port(), "/gpu/count?x=1").status, 200u);
}

TEST_F(served, cors_preflight_is_answered_like_starlette) {
  const auto reply = http_request(server_.port(), "OPTIONS", "/gpu/stats",
                                  {{"Origin", "http://example.test"},
                                   {"Access-Control-Request-Method", "GET"},
                                   {"Access-Control-Request-Headers", "X-Custom"}});
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.body, "OK");
  EXPECT_EQ(reply.headers.at("access-control-allow-origin"), "http://example.test");
  EXPECT_EQ(reply.headers.at("access-control-allow-headers"), "X-Custom");
}

TEST_F(served, malformed_request_gets_400_and_the_server_stays_up) {
  const auto answer = raw_exchange(server_.port(), "GARBAGE\x01 / HTTP/9.9\r\n\r\n");
  EXPECT_NE(answer.find(" 400 "), std::string::npos) << answer;
  EXPECT_EQ(http_get(server_.port(), "/-/healthy").status, 200u);
}

TEST_F(served, oversized_header_is_rejected) {
  const std::string request =
      "GET /gpu/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
  const auto answer = raw_exchange(server_.port(), request);
  EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << answer.substr(0, 200);
  EXPECT_EQ(http_get(server_.port(), "/-/healthy").status, 200u);
}

TEST_F(served, keep_alive_serves_several_requests_on_one_connection) {
  const std::string two =
      "GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\nGET /gpu/count HTTP/1.1\r\nHost: x\r\n"
      "Connection: close\r\n\r\n";
  const auto answer = raw_exchange(server_.port(), two);
  EXPECT_EQ(answer.find("HTTP/1.1 200"), 0u);
  EXPECT_NE(answer.find("HTTP/1.1 200", 10), std::string::npos) << answer;
}

TEST(startup, bad_values_stop_with_one_line_and_exit_2) {
  for (const std::string args :
       {"--port 70000", "--refresh-interval -1", "--no-such-option",
        "--config /nonexistent/smistat.conf", "--collect-mode sometimes"}) {
    SCOPED_TRACE(args);
    const auto result = run_smistat(args);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_FALSE(result.output.empty());
  }
  const auto port = run_smistat("--port 70000");
  EXPECT_NE(port.output.find("70000"), std::string::npos);
  EXPECT_NE(port.output.find("--port"), std::string::npos);
}

TEST(startup, help_and_version_exit_zero) {
  const auto help = run_smistat("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--refresh-interval"), std::string::npos);
  const auto version = run_smistat("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output.rfind("smistat ", 0), 0u);
}

TEST(startup, replay_logs_loudly_that_data_is_recorded) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string()});
  ASSERT_NE(server.port(), 0);
  EXPECT_NE(server.log().find("RECORDED"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace smistat::test
