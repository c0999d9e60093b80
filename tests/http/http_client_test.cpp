#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <string>

#include "src/http/client.hpp"
#include "tests/support/canned_http_server.hpp"

namespace smistat::http {
namespace {

/** Runs one fetch to completion on a private io_context. */
fetch_result fetch(const std::string& url, fetch_options options = {}) {
  boost::asio::io_context io;
  fetch_result out;
  bool called = false;
  async_fetch(io.get_executor(), url, options, [&](fetch_result r) {
    out = std::move(r);
    called = true;
  });
  EXPECT_FALSE(called) << "the handler ran inside async_fetch";
  io.run();
  EXPECT_TRUE(called);
  return out;
}

TEST(http_client, reads_status_reason_and_body) {
  test::canned_http_server server({{"/a/gpu_status", {200, "{\"x\": 1}"}}});
  const auto ok = fetch(server.base_url() + "/a/gpu_status");
  EXPECT_EQ(ok.failure, fetch_failure::none) << ok.detail;
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.reason, "OK");
  EXPECT_EQ(ok.body, "{\"x\": 1}");
  const auto missing = fetch(server.base_url() + "/b");
  EXPECT_EQ(missing.failure, fetch_failure::none);
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.reason, "Not Found");
}

TEST(http_client, tells_unreachable_from_timed_out) {
  EXPECT_EQ(fetch("http://127.0.0.1:" + std::to_string(test::unused_port()) + "/").failure,
            fetch_failure::unreachable);
  test::canned_http_server server({{"/held", {200, "", true}}});
  fetch_options quick;
  quick.read_timeout = std::chrono::milliseconds(200);
  EXPECT_EQ(fetch(server.base_url() + "/held", quick).failure, fetch_failure::timed_out);
}

TEST(http_client, https_to_a_server_without_tls_is_a_tls_failure) {
  test::canned_http_server server({{"/a/gpu_status", {200, "{}"}}});
  const std::string https = "https" + server.base_url().substr(4);  // the same host and port
  const auto r = fetch(https + "/a/gpu_status");
  EXPECT_EQ(r.failure, fetch_failure::tls_failed) << r.detail;
  EXPECT_EQ(r.detail.rfind("TLS handshake: ", 0), 0u) << r.detail;
}

TEST(http_client, refuses_what_it_cannot_fetch) {
  EXPECT_EQ(fetch("node2:1080/gpu_status").failure, fetch_failure::bad_url);
  EXPECT_EQ(fetch("not a url").failure, fetch_failure::bad_url);
  test::canned_http_server server({{"/big", {200, std::string(2048, 'x')}}});
  fetch_options small;
  small.body_limit = 1024;
  EXPECT_EQ(fetch(server.base_url() + "/big", small).failure, fetch_failure::too_large);
}

}  // namespace
}  // namespace smistat::http
