#include "src/http/server.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "tests/http/test_client.hpp"

namespace smistat::http::test {
namespace {

std::set<std::string> header_names(const client_response& res) {
  std::set<std::string> names;
  for (const auto& f : res) names.insert(std::string(f.name_string()));
  return names;
}

TEST_F(server_test, get_returns_exact_headers_and_body) {
  start();
  client c = connect();
  const client_response res = c.get("/gpu/stats");
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.version(), 11u);
  EXPECT_EQ(res.body(), R"({"gpu_count":4})");
  EXPECT_EQ(header_names(res),
            (std::set<std::string>{"date", "server", "content-length", "content-type"}));
  EXPECT_EQ(res["server"], "smistat");
  EXPECT_EQ(res["content-type"], "application/json");
  EXPECT_EQ(res["content-length"], "15");
  EXPECT_TRUE(
      std::regex_match(std::string(res["date"]),
                       std::regex(R"([A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT)")))
      << res["date"];
}

TEST_F(server_test, keep_alive_serves_two_requests_on_one_connection) {
  start();
  client c = connect();
  const client_response first = c.get("/gpu/stats");
  const client_response second = c.get("/echo?n=2");
  EXPECT_EQ(first.result_int(), 200u);
  EXPECT_TRUE(first.keep_alive());
  EXPECT_EQ(second.body(), "GET n=2");
  EXPECT_EQ(server_->stats().connections_accepted, 1u);
  EXPECT_EQ(server_->stats().requests, 2u);
}

TEST_F(server_test, access_log_writes_one_line_per_request) {
  server_options options = test_options();
  options.access_log = true;
  start(options);
  ::testing::internal::CaptureStderr();
  {
    client c = connect();
    EXPECT_EQ(c.get("/echo?x=1").result_int(), 200u);
    EXPECT_EQ(c.get("/nope").result_int(), 404u);
  }
  stop_and_join();  // every write, and so every log line, has completed
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(std::regex_search(
      log, std::regex(R"(access 127\.0\.0\.1:\d+ "GET /echo\?x=1" 200 7B \d+us)")))
      << log;
  EXPECT_TRUE(std::regex_search(log, std::regex(R"("GET /nope" 404 22B \d+us)"))) << log;
}

TEST_F(server_test, pipelined_requests_are_answered_in_order) {
  start();
  client c = connect();
  c.send("GET /echo?n=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /echo?n=2 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.read().body(), "GET n=1");
  EXPECT_EQ(c.read().body(), "GET n=2");
}

TEST_F(server_test, head_is_405_with_length_but_no_body) {
  start();
  client c = connect();
  c.send(bhttp::verb::head, "/gpu/stats");
  const client_response res = c.read(/*head=*/true);
  EXPECT_EQ(res.result_int(), 405u);
  EXPECT_EQ(res["allow"], "GET");
  EXPECT_EQ(res["content-length"], "31");  // {"detail":"Method Not Allowed"}
  EXPECT_EQ(res.body(), "");
  // Had a body been sent, it would now be parsed as the next response and fail.
  EXPECT_EQ(c.get("/gpu/stats").result_int(), 200u);
}

TEST_F(server_test, redirect_uses_the_host_header) {
  start();
  client c = connect();
  const client_response res = c.get("/gpu/stats/?a=1");
  EXPECT_EQ(res.result_int(), 307u);
  EXPECT_EQ(res["location"], "http://127.0.0.1:" + std::to_string(port()) + "/gpu/stats?a=1");
  EXPECT_EQ(res["content-length"], "0");
  EXPECT_EQ(res.count("content-type"), 0u);
}

TEST_F(server_test, unknown_path_is_404_json) {
  start();
  client c = connect();
  const client_response res = c.get("/nope");
  EXPECT_EQ(res.result_int(), 404u);
  EXPECT_EQ(res["content-type"], "application/json");
  EXPECT_EQ(res.body(), R"({"detail":"Not Found"})");
}

TEST_F(server_test, throwing_handler_is_500_and_connection_survives) {
  auto routes = default_routes();
  routes->add("/boom", [](const request&) -> response { throw std::runtime_error("boom"); });
  start(test_options(), routes);
  client c = connect();
  const client_response res = c.get("/boom");
  EXPECT_EQ(res.result_int(), 500u);
  EXPECT_EQ(res.body(), "Internal Server Error");
  EXPECT_EQ(c.get("/gpu/stats").result_int(), 200u);
}

TEST_F(server_test, unserialisable_response_becomes_500_and_close) {
  auto routes = default_routes();
  routes->add("/huge-header", [](const request&) {
    response res = text_response(200, "never sent");
    res.headers.push_back({"x-huge", std::string(70'000, 'h')});  // over Beast's field limit
    return res;
  });
  start(test_options(), routes);
  client c = connect();
  const client_response res = c.get("/huge-header");
  EXPECT_EQ(res.result_int(), 500u);
  EXPECT_EQ(res.body(), "Internal Server Error");
  EXPECT_EQ(res["connection"], "close");
  EXPECT_TRUE(is_closed(c.read_to_close()));
}

TEST_F(server_test, http10_without_keep_alive_is_closed_after_the_response) {
  start();
  client c = connect();
  c.send("GET /gpu/stats HTTP/1.0\r\n\r\n");
  const client_response res = c.read();
  EXPECT_EQ(res.version(), 10u);
  EXPECT_EQ(res.body(), R"({"gpu_count":4})");
  EXPECT_TRUE(is_closed(c.read_to_close()));
}

TEST_F(server_test, http10_keep_alive_is_honoured) {
  start();
  client c = connect();
  c.send("GET /gpu/stats HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  const client_response res = c.read();
  EXPECT_EQ(res["connection"], "keep-alive");
  EXPECT_EQ(c.get("/echo?again").body(), "GET again");
}

TEST_F(server_test, client_asking_to_close_gets_connection_close) {
  start();
  client c = connect();
  c.send("GET /gpu/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const client_response res = c.read();
  EXPECT_EQ(res["connection"], "close");
  EXPECT_TRUE(is_closed(c.read_to_close()));
}

struct rejection_case {
  const char* name;
  std::string request;
  unsigned status;
};

class server_rejects : public server_test, public ::testing::WithParamInterface<rejection_case> {};

TEST_P(server_rejects, answers_and_closes) {
  start();
  client c = connect();
  c.send(GetParam().request);
  const client_response res = c.read();
  EXPECT_EQ(res.result_int(), GetParam().status);
  EXPECT_EQ(res["connection"], "close");
  EXPECT_EQ(res["content-type"], "text/plain; charset=utf-8");
  EXPECT_TRUE(is_closed(c.read_to_close()));
  EXPECT_EQ(server_->stats().rejected, 1u);
  EXPECT_EQ(server_->stats().requests, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    cases, server_rejects,
    ::testing::Values(
        rejection_case{"malformed_request_line", "GARBAGE\r\n\r\n", 400},
        rejection_case{"bad_version", "GET / HTTP/9\r\n\r\n", 400},
        rejection_case{"space_in_header_name", "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", 400},
        rejection_case{"bad_content_length", "POST /echo HTTP/1.1\r\nContent-Length: x\r\n\r\n",
                       400},
        rejection_case{
            "oversized_header",
            "GET /gpu/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n",
            431},
        rejection_case{"oversized_body_by_length",
                       "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" +
                           std::string(4096, 'b'),
                       413},
        rejection_case{"oversized_body_chunked",
                       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "800\r\n" +
                           std::string(2048, 'c') + "\r\n0\r\n\r\n",
                       413}),
    [](const ::testing::TestParamInfo<rejection_case>& param_info) {
      return std::string(param_info.param.name);
    });

TEST_F(server_test, body_within_limit_reaches_the_router) {
  start();
  client c = connect();
  c.send("POST /echo?q HTTP/1.1\r\nHost: x\r\nContent-Length: 512\r\n\r\n" + std::string(512, 'd'));
  const client_response res = c.read();
  EXPECT_EQ(res.result_int(), 405u);
  EXPECT_EQ(c.get("/echo?after").body(), "GET after");
}

struct idle_case {
  const char* name;
  std::string sent;  ///< what the client sends before going quiet
};

class server_read_timeout : public server_test, public ::testing::WithParamInterface<idle_case> {};

TEST_P(server_read_timeout, closes_a_quiet_connection) {
  server_options options = test_options();
  options.read_timeout = std::chrono::milliseconds(200);
  start(options);
  client c = connect();
  if (!GetParam().sent.empty()) c.send(GetParam().sent);
  EXPECT_TRUE(is_closed(c.read_to_close()));
  // The timer closes the socket just before the read completes and is counted.
  EXPECT_TRUE(eventually([&] { return server_->stats().read_timeouts == 1; }));
}

INSTANTIATE_TEST_SUITE_P(
    cases, server_read_timeout,
    ::testing::Values(idle_case{"idle", ""},
                      idle_case{"half_sent_header", "GET /gpu/stats HTTP/1.1\r\nHost: x\r\n"},
                      idle_case{"half_sent_body",
                                "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab"}),
    [](const ::testing::TestParamInfo<idle_case>& param_info) {
      return std::string(param_info.param.name);
    });

TEST_F(server_test, idle_keep_alive_after_a_response_times_out) {
  server_options options = test_options();
  options.read_timeout = std::chrono::milliseconds(200);
  start(options);
  client c = connect();
  EXPECT_EQ(c.get("/gpu/stats").result_int(), 200u);
  EXPECT_TRUE(is_closed(c.read_to_close()));
}

TEST_F(server_test, cors_headers_reach_the_wire) {
  auto routes = std::make_shared<router>(router_options{.cors = true, .api_prefix = ""});
  routes->add("/gpu/stats", [](const request&) { return json_response(200, "{}"); });
  start(test_options(), routes);
  client c = connect();
  c.send(
      "OPTIONS /gpu/stats HTTP/1.1\r\nHost: x\r\nOrigin: http://o.example\r\n"
      "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: X-API-Key\r\n\r\n");
  const client_response res = c.read();
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.body(), "OK");
  EXPECT_EQ(res["access-control-allow-origin"], "http://o.example");
  EXPECT_EQ(res["access-control-allow-headers"], "X-API-Key");
  EXPECT_EQ(res["vary"], "Origin");
}

TEST_F(server_test, bind_failure_throws) {
  start();
  server_options taken = test_options();
  taken.port = port();
  // reuse_address does not allow two listeners on one port.
  EXPECT_THROW(server(*io_, taken, default_routes()), boost::system::system_error);
  server_options bad = test_options();
  bad.address = "not-an-address";
  EXPECT_THROW(server(*io_, bad, default_routes()), boost::system::system_error);
}

}  // namespace
}  // namespace smistat::http::test
