// Streaming responses through the real server: framing, a client that stops reading, clients
// that leave, stop(), the stream limit and HTTP/1.0.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "src/http/session.hpp"
#include "tests/http/sse_client.hpp"
#include "tests/http/stream_sources.hpp"
#include "tests/http/test_client.hpp"

namespace smistat::http::test {
namespace {

using namespace std::chrono_literals;

class stream_session : public server_test {
 protected:
  /** `/tick` every 20 ms forever, `/three` three frames then the end, `/flood` 64 KiB/ms;
   *  `/tick-later` is `/tick` from an async route answering on another thread. */
  std::shared_ptr<router> stream_routes() {
    auto routes = default_routes();
    routes->add("/tick", [p = probe_](const request&) {
      return stream_response(std::make_shared<timed_source>(p, 20ms));
    });
    routes->add("/three", [p = probe_](const request&) {
      return stream_response(std::make_shared<timed_source>(p, 5ms, 0, 3));
    });
    routes->add("/flood", [p = flood_probe_](const request&) {
      return stream_response(std::make_shared<timed_source>(p, 1ms, 64 * 1024));
    });
    routes->add_async("/tick-later", [p = probe_, later = answerers_](const request&,
                                                                      responder answer) {
      later->run([answer, p] { answer(stream_response(std::make_shared<timed_source>(p, 20ms))); });
    });
    return routes;
  }
  void start_streams(server_options options = test_options()) {
    start(std::move(options), stream_routes(), 2);
  }
  sse_client open(std::string_view target) {
    sse_client c(client_ioc_, port());
    c.request(target);
    return c;
  }

  std::shared_ptr<source_probe> probe_ = std::make_shared<source_probe>();
  std::shared_ptr<source_probe> flood_probe_ = std::make_shared<source_probe>();
};

TEST_F(stream_session, writes_a_chunked_header_block_and_one_chunk_per_frame) {
  start_streams();
  sse_client c = open("/tick");
  const sse_head head = c.read_head();
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.field("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(head.field("cache-control"), "no-cache");
  EXPECT_EQ(head.field("transfer-encoding"), "chunked");
  EXPECT_EQ(head.field("content-length"), "");
  EXPECT_EQ(head.field("server"), "smistat");
  beast::error_code ec;
  EXPECT_EQ(c.read_raw_chunk(ec), "9\r\ndata: 0\n\n\r\n");
  EXPECT_EQ(c.read_raw_chunk(ec), "9\r\ndata: 1\n\n\r\n");
  EXPECT_EQ(c.read_event(), "data: 2\n\n");
  EXPECT_FALSE(ec);
  EXPECT_EQ(server_->stats().streams_active, 1u);
}

TEST_F(stream_session, a_source_that_finishes_gets_its_frames_out_then_the_last_chunk) {
  start_streams();
  sse_client c = open("/three");
  EXPECT_EQ(c.read_head().status, 200u);
  for (const char* expected : {"data: 0\n\n", "data: 1\n\n", "data: 2\n\n", ""}) {
    EXPECT_EQ(c.read_event(), expected);
  }
  EXPECT_TRUE(is_closed(c.read_to_close()));
  EXPECT_TRUE(eventually([&] { return server_->stats().streams_active == 0; }));
  EXPECT_EQ(probe_->stopped.load(), 1);
}

TEST_F(stream_session, a_client_that_leaves_is_noticed_and_its_source_stopped) {
  start_streams();
  sse_client c = open("/tick");
  c.read_head();
  c.read_event();
  c.close();
  EXPECT_TRUE(eventually([&] { return server_->stats().streams_active == 0; }));
  EXPECT_TRUE(eventually([&] { return probe_->stopped.load() == 1; }));
  EXPECT_EQ(server_->stats().stream_disconnects, 1u);
  EXPECT_EQ(server_->stats().streams_opened, 1u);
}

TEST_F(stream_session,
       a_client_that_stops_reading_is_bounded_then_dropped_without_blocking_others) {
  server_options options = test_options();
  options.write_timeout = 500ms;
  options.stream_queue_frames = 4;
  options.stream_queue_bytes = 256 * 1024;
  start_streams(options);
  sse_client stalled = open("/flood");
  EXPECT_EQ(stalled.read_head().status, 200u);  // then never reads again

  sse_client healthy = open("/tick");
  healthy.read_head();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(healthy.read_event(), "data: " + std::to_string(i) + "\n\n");

  EXPECT_TRUE(eventually([&] { return flood_probe_->stopped.load() == 1; }));
  // The stream's source stops before its session is torn down and uncounted: wait for that too,
  // so the figures below are read at rest.
  EXPECT_TRUE(eventually([&] { return server_->stats().streams_active == 1; }));
  const server_stats stats = server_->stats();
  EXPECT_GT(stats.stream_frames_dropped, 0u);
  EXPECT_LE(stats.stream_queue_peak_bytes, options.stream_queue_bytes);
  EXPECT_GE(stats.write_timeouts, 1u);
  EXPECT_EQ(stats.stream_disconnects, 0u);  // the server gave up on it; it did not leave
  EXPECT_EQ(stats.streams_active, 1u);      // only the healthy one is left
  EXPECT_EQ(healthy.read_event().substr(0, 6), "data: ");
}

TEST_F(stream_session, stop_ends_every_stream_with_the_last_chunk) {
  start_streams();
  std::vector<sse_client> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(open("/tick"));
    clients.back().read_head();
    clients.back().read_event();
  }
  server_->stop();
  for (auto& c : clients) {
    std::string payload = "data: ";
    while (!payload.empty()) payload = c.read_event();  // frames already sent, then the end
    EXPECT_TRUE(is_closed(c.read_to_close()));
  }
  stop_and_join();
  EXPECT_TRUE(io_->stopped());  // no timer of any source is left behind
  EXPECT_EQ(probe_->stopped.load(), 3);
  EXPECT_EQ(server_->stats().streams_active, 0u);
}

TEST_F(stream_session, an_async_route_can_answer_with_a_stream) {
  start_streams();
  sse_client c = open("/tick-later");
  const sse_head head = c.read_head();
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.field("transfer-encoding"), "chunked");
  EXPECT_EQ(c.read_event(), "data: 0\n\n");
  EXPECT_EQ(c.read_event(), "data: 1\n\n");
  c.close();
  EXPECT_TRUE(eventually([&] { return probe_->stopped.load() == 1; }));
}

TEST_F(stream_session, streams_beyond_the_limit_get_503) {
  server_options options = test_options();
  options.max_streams = 1;
  start_streams(options);
  sse_client first = open("/tick");
  EXPECT_EQ(first.read_head().status, 200u);
  EXPECT_EQ(first.read_event(), "data: 0\n\n");  // its source has started
  client second = connect();
  const client_response res = second.get("/tick");
  EXPECT_EQ(res.result_int(), 503u);
  EXPECT_EQ(res.body(), R"({"detail":"Too many open streams"})");
  EXPECT_EQ(server_->stats().streams_refused, 1u);
  EXPECT_EQ(probe_->started.load(), 1);
}

TEST_F(stream_session, http_1_0_streams_are_close_delimited) {
  start_streams();
  sse_client c(client_ioc_, port());
  c.send("GET /three HTTP/1.0\r\n\r\n");
  const sse_head head = c.read_head();
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.field("transfer-encoding"), "");
  beast::error_code ec;
  EXPECT_EQ(c.read_bytes(27, ec), "data: 0\n\ndata: 1\n\ndata: 2\n\n");
  EXPECT_TRUE(is_closed(c.read_to_close()));
}

}  // namespace
}  // namespace smistat::http::test
