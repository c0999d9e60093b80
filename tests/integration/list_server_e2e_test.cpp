// `smistat list --server URL` against servers that fail in each way a poll can: never answering,
// not listening, answering another status, and a URL that names no HTTP server. Each is one line
// on stderr and exit 1, never a hang or a stack of messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/integration/cli_run.hpp"
#include "tests/support/canned_http_server.hpp"

namespace smistat::test {
namespace {

std::size_t count_lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(list_server_e2e, a_server_that_never_answers_ends_at_the_timeout_with_one_line) {
  canned_http_server hung({{"/gpu_status", {200, "", true}}});
  const auto r = run_smistat({"list", "--server", hung.base_url(), "--timeout", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_TRUE(contains(r.err, "cannot read " + hung.base_url() + "/gpu_status: read: timed out"))
      << r.err;
  EXPECT_EQ(hung.requests(), 1u) << "the request was sent, and only the answer never came";
  EXPECT_EQ(r.out, "");
}

TEST(list_server_e2e, a_port_where_nothing_listens_is_one_line) {
  const std::string url = "http://127.0.0.1:" + std::to_string(unused_port());
  const auto r = run_smistat({"list", "--server", url, "--timeout", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_TRUE(contains(r.err, "cannot read " + url + "/gpu_status: connect: ")) << r.err;
}

TEST(list_server_e2e, another_status_than_200_is_named_with_its_reason) {
  canned_http_server failing({{"/prefix/gpu_status", {503, "{}"}}});
  const auto r = run_smistat({"list", "--server", failing.base_url() + "/prefix/"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_TRUE(contains(r.err, "bad response (503 Service Unavailable)")) << r.err;
  EXPECT_EQ(failing.requests(), 1u);
}

TEST(list_server_e2e, a_url_that_is_not_http_is_refused_before_any_request) {
  for (const std::string url : {"ftp://x", "http://", "127.0.0.1:9400"}) {
    const auto r = run_smistat({"list", "--server", url});
    EXPECT_EQ(r.exit_code, 1) << url;
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_TRUE(contains(r.err, "invalid --server \"" + url + "\"")) << r.err;
  }
}

}  // namespace
}  // namespace smistat::test
