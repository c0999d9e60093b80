// GET /gpu/stream (docs/contracts/gpu_metrics_api.md): validation, keys, the interval quirk, error
// events, and real clients reading events, 500 at once.
#include "src/contracts/gpu_metrics_api/stream_route.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "src/collect/snapshot_store.hpp"
#include "tests/http/sse_client.hpp"
#include "tests/http/test_client.hpp"

namespace smistat::app {
namespace {

using http::test::client;
using http::test::client_response;
using http::test::eventually;
using http::test::sse_client;
using http::test::sse_head;

constexpr const char* not_ge =
    R"({"detail":[{"loc":["query","interval"],"msg":"ensure this value is greater than or equal to 0.5","type":"value_error.number.not_ge","ctx":{"limit_value":0.5}}]})";
constexpr const char* not_le =
    R"({"detail":[{"loc":["query","interval"],"msg":"ensure this value is less than or equal to 60.0","type":"value_error.number.not_le","ctx":{"limit_value":60.0}}]})";
constexpr const char* not_float =
    R"({"detail":[{"loc":["query","interval"],"msg":"value is not a valid float","type":"type_error.float"}]})";
constexpr const char* unauthorized =
    R"({"detail":"Invalid or missing API key. Provide API key via 'api_key' query parameter or 'X-API-Key' header."})";

http::request query(std::string q) {
  http::request req;
  req.path = "/gpu/stream";
  req.query = std::move(q);
  return req;
}

TEST(stream_interval, is_validated_like_pydantic_1) {
  struct row {
    const char* query;
    const char* body;  ///< nullptr: accepted
    double value;
  };
  const row rows[] = {
      {"", nullptr, 2.0},
      {"interval=0.5", nullptr, 0.5},
      {"interval=60", nullptr, 60.0},
      {"interval=1e1", nullptr, 10.0},
      {"interval=0.1", not_ge, 0},
      {"interval=-5", not_ge, 0},
      {"interval=nan", not_ge, 0},
      {"interval=61", not_le, 0},
      {"interval=inf", not_le, 0},
      {"interval=abc", not_float, 0},
      {"interval=", not_float, 0},
      {"interval=1,5", not_float, 0},
  };
  for (const auto& r : rows) {
    const auto result = parse_stream_interval(query(r.query));
    if (r.body == nullptr) {
      ASSERT_TRUE(std::holds_alternative<double>(result)) << r.query;
      EXPECT_EQ(std::get<double>(result), r.value) << r.query;
    } else {
      ASSERT_TRUE(std::holds_alternative<http::response>(result)) << r.query;
      const auto& res = std::get<http::response>(result);
      EXPECT_EQ(res.status, 422u) << r.query;
      EXPECT_EQ(res.content_type, "application/json");
      EXPECT_EQ(res.body_view(), r.body) << r.query;
    }
  }
}

TEST(stream_interval, default_stream_interval_applies_only_to_two_seconds) {
  struct row {
    double requested;
    const char* env;
    double expected;
  };
  const row rows[] = {
      {2.0, "", 2.0},     {2.0, "5", 5.0},   {3.0, "5", 3.0},     {2.0, "0.1", 0.5},
      {2.0, "100", 60.0}, {2.0, "abc", 2.0}, {2.0, " 7.5 ", 7.5}, {2.0, "nan", 60.0},
      {2.0, "-inf", 0.5}, {0.5, "10", 0.5},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(effective_stream_interval(r.requested, r.env), r.expected)
        << r.requested << " / " << r.env;
  }
}

TEST(stream_error_event, uses_json_dumps_spacing_and_escaping) {
  const auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000)) +
                 std::chrono::milliseconds(999);
  EXPECT_EQ(error_event("boom", t),
            "data: {\"error\": \"boom\", \"timestamp\": \"2023-11-14T22:13:20Z\", "
            "\"status\": \"error\"}\n\n");
  EXPECT_EQ(error_event("d\xc3\xa9j\xc3\xa0 \"vu\"", t),
            "data: {\"error\": \"d\\u00e9j\\u00e0 \\\"vu\\\"\", \"timestamp\": "
            "\"2023-11-14T22:13:20Z\", \"status\": \"error\"}\n\n");
}

/** A live server with /gpu/stream over a real store. */
class stream_route : public http::test::server_test {
 protected:
  void start_route(config cfg, unsigned threads = 2) {
    auto routes =
        std::make_shared<http::router>(http::router_options{.cors = true, .api_prefix = ""});
    add_stream_route(
        *routes, cfg, [this] { return store_.current(); },
        {[this](collect::snapshot_listener l) {
           subscribes_.fetch_add(1);
           return store_.subscribe(std::move(l));
         },
         [this](std::uint64_t id) {
           unsubscribes_.fetch_add(1);
           store_.unsubscribe(id);
         }},
        [this](const collect::snapshot& s) -> std::string {
          if (fail_.load()) throw std::runtime_error("nvml gone");
          return "{\"generation\":" + std::to_string(s.generation) + "}";
        });
    http::server_options options = test_options();
    options.max_streams = 1000;
    start(options, routes, threads);
  }
  sse_client open(std::string_view target, std::string_view headers = "") {
    sse_client c(client_ioc_, port());
    c.request(target, headers);
    return c;
  }

  collect::snapshot_store store_;
  std::atomic<bool> fail_{false};
  std::atomic<int> subscribes_{0};
  std::atomic<int> unsubscribes_{0};
};

config with_keys() {
  config cfg;
  cfg.api_key = "right";
  return cfg;
}

TEST_F(stream_route, sends_the_current_body_at_once_and_then_every_interval) {
  store_.publish({});
  start_route(config{});
  sse_client c = open("/gpu/stream?interval=0.5", "Origin: http://ui\r\n");
  const sse_head head = c.read_head();
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.field("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(head.field("cache-control"), "no-cache");
  EXPECT_EQ(head.field("connection"), "keep-alive");
  EXPECT_EQ(head.field("x-accel-buffering"), "no");
  EXPECT_EQ(head.field("transfer-encoding"), "chunked");
  EXPECT_EQ(head.field("access-control-allow-origin"), "*");
  EXPECT_EQ(c.read_event(), "data: {\"generation\":1}\n\n");
  store_.publish({});
  EXPECT_EQ(c.read_event(), "data: {\"generation\":2}\n\n");
  EXPECT_EQ(c.read_event(), "data: {\"generation\":2}\n\n");
}

TEST_F(stream_route, a_render_error_becomes_an_error_event_and_the_stream_goes_on) {
  store_.publish({});
  fail_ = true;
  start_route(config{});
  sse_client c = open("/gpu/stream?interval=0.5");
  c.read_head();
  const std::regex error_frame(
      R"(data: \{"error": "nvml gone", "timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "status": "error"\}\n\n)");
  const std::string first = c.read_event();
  EXPECT_TRUE(std::regex_match(first, error_frame)) << first;
  fail_ = false;
  EXPECT_EQ(c.read_event(), "data: {\"generation\":1}\n\n");
}

TEST_F(stream_route, needs_a_key_when_keys_are_configured) {
  store_.publish({});
  start_route(with_keys());
  client none = connect();
  const client_response missing = none.get("/gpu/stream");
  EXPECT_EQ(missing.result_int(), 401u);
  EXPECT_EQ(missing.body(), unauthorized);

  client both = connect();
  both.send("GET /gpu/stream?api_key=wrong HTTP/1.1\r\nHost: x\r\nX-API-Key: right\r\n\r\n");
  EXPECT_EQ(both.read().result_int(), 401u);  // the query key wins even when wrong

  sse_client header = open("/gpu/stream?interval=0.5", "X-API-Key: right\r\n");
  EXPECT_EQ(header.read_head().status, 200u);
  EXPECT_EQ(header.read_event(), "data: {\"generation\":1}\n\n");
  sse_client in_query = open("/gpu/stream?api_key=right");
  EXPECT_EQ(in_query.read_head().status, 200u);
}

TEST_F(stream_route, rejects_intervals_out_of_range_with_422) {
  start_route(with_keys());
  for (const auto& [target, body] :
       {std::pair{"/gpu/stream?interval=0.1", not_ge}, std::pair{"/gpu/stream?interval=61", not_le},
        std::pair{"/gpu/stream?interval=abc", not_float}}) {
    client c = connect();
    const client_response res = c.get(target);  // no key: validation answers first
    EXPECT_EQ(res.result_int(), 422u) << target;
    EXPECT_EQ(res.body(), body) << target;
  }
  EXPECT_EQ(server_->stats().streams_opened, 0u);
}

TEST_F(stream_route, leaving_clients_are_cleaned_up_and_unsubscribed) {
  store_.publish({});
  start_route(config{});
  {
    sse_client c = open("/gpu/stream?interval=0.5");
    c.read_head();
    c.read_event();
    c.close();
  }
  EXPECT_TRUE(eventually([&] { return server_->stats().streams_active == 0; }));
  EXPECT_EQ(server_->stats().stream_disconnects, 1u);
  // The last stream took the route's store subscription with it.
  EXPECT_TRUE(eventually([&] { return unsubscribes_.load() == 1; }));
  EXPECT_EQ(subscribes_.load(), 1);
}

TEST_F(stream_route, holds_500_concurrent_streams_on_two_threads) {
  store_.publish({});
  start_route(config{}, 2);
  constexpr std::size_t streams = 500;
  std::vector<sse_client> clients;
  clients.reserve(streams);
  for (std::size_t i = 0; i < streams; ++i) clients.push_back(open("/gpu/stream?interval=0.5"));
  for (auto& c : clients) ASSERT_EQ(c.read_head().status, 200u);
  EXPECT_TRUE(eventually([&] { return server_->stats().streams_active == streams; }));
  for (auto& c : clients) EXPECT_EQ(c.read_event(), "data: {\"generation\":1}\n\n");
  store_.publish({});
  for (auto& c : clients) {
    // The newest generation reaches all. Reading 500 clients one after another can take
    // longer than an interval on a loaded machine, so older frames may still be queued in
    // front of it: skip those (each read has its own deadline).
    std::string event = c.read_event();
    for (int skipped = 0; event == "data: {\"generation\":1}\n\n" && skipped < 1000; ++skipped) {
      event = c.read_event();
    }
    EXPECT_EQ(event, "data: {\"generation\":2}\n\n");
  }
  // The clients leave with a goodbye, not a reset: a reset racing with a frame being written
  // ends the stream as a failed write, which is not counted as a disconnect, so the count
  // would depend on the timing of the machine.
  for (auto& c : clients) c.half_close();
  EXPECT_TRUE(eventually([&] { return server_->stats().streams_active == 0; }));
  EXPECT_EQ(server_->stats().stream_disconnects, streams);
  for (auto& c : clients) {
    EXPECT_TRUE(http::test::is_closed(c.read_to_close()));
    c.close();
  }
}

TEST_F(stream_route, stop_ends_open_streams) {
  store_.publish({});
  start_route(config{});
  sse_client c = open("/gpu/stream?interval=60");
  c.read_head();
  c.read_event();
  server_->stop();
  EXPECT_EQ(c.read_event(), "");  // the last chunk
  EXPECT_TRUE(http::test::is_closed(c.read_to_close()));
  stop_and_join();
  EXPECT_TRUE(io_->stopped());
}

}  // namespace
}  // namespace smistat::app
