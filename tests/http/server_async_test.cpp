// Asynchronous routes through the real server: answers from other threads, requests that wait
// without holding an io thread, failures, CORS, guards, the access log and stop().
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "src/http/router.hpp"
#include "src/http/server.hpp"
#include "tests/http/test_client.hpp"

namespace smistat::http::test {
namespace {

/** Responders an async route keeps until the test answers or drops them. */
class held_answers {
 public:
  void hold(const request& req, responder answer) {
    std::lock_guard lock(mutex_);
    waiting_.emplace_back(req.query, std::move(answer));
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }
  /** Answers each held request with `held <its query>`, from the calling thread. */
  void answer_all() {
    for (auto& [query, answer] : take()) answer(text_response(200, "held " + query));
  }
  void drop_all() { take(); }

 private:
  std::vector<std::pair<std::string, responder>> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(waiting_, {});
  }

  std::mutex mutex_;
  std::vector<std::pair<std::string, responder>> waiting_;
};

class server_async : public server_test {
 protected:
  /** `/-/healthy` (sync), `/held` (kept in held_), `/later` (answered on another thread),
   *  `/boom` (throws) and `/forgets` (drops its responder). */
  std::shared_ptr<router> async_routes(router_options options = {}) {
    auto routes = std::make_shared<router>(std::move(options));
    routes->add("/-/healthy", [](const request&) { return text_response(200, "OK"); });
    routes->add_async("/held", [held = held_](const request& req, responder answer) {
      held->hold(req, std::move(answer));
    });
    routes->add_async("/later", [later = answerers_](const request& req, responder answer) {
      later->run([answer, query = req.query] { answer(text_response(200, "later " + query)); });
    });
    routes->add_async("/boom", [](const request&, responder) { throw std::runtime_error("boom"); });
    routes->add_async("/forgets", [](const request&, responder) {});
    return routes;
  }

  std::shared_ptr<held_answers> held_ = std::make_shared<held_answers>();
};

TEST_F(server_async, an_answer_from_another_thread_is_written_and_the_connection_kept) {
  start(test_options(), async_routes());
  client c = connect();
  const client_response res = c.get("/later?x=1");
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.body(), "later x=1");
  EXPECT_TRUE(res.keep_alive());
  EXPECT_EQ(c.get("/-/healthy").body(), "OK");
  EXPECT_EQ(server_->stats().connections_accepted, 1u);
}

TEST_F(server_async, a_hundred_waiting_requests_hold_no_io_thread) {
  start(test_options(), async_routes(), /*threads=*/1);
  constexpr int waiting = 100;
  std::vector<client> clients;
  clients.reserve(waiting);
  for (int i = 0; i < waiting; ++i) {
    clients.push_back(connect());
    clients.back().send(bhttp::verb::get, "/held?" + std::to_string(i));
  }
  ASSERT_TRUE(eventually([&] { return held_->size() == waiting; }));
  // The one io thread is free: a synchronous route is answered while all hundred wait.
  client probe = connect();
  EXPECT_EQ(probe.get("/-/healthy").body(), "OK");
  held_->answer_all();
  for (int i = 0; i < waiting; ++i) {
    EXPECT_EQ(clients[static_cast<std::size_t>(i)].read().body(), "held " + std::to_string(i));
  }
}

TEST_F(server_async, no_read_timeout_fires_while_an_answer_is_awaited) {
  server_options options = test_options();
  options.read_timeout = std::chrono::milliseconds(50);
  start(options, async_routes());
  client c = connect();
  c.send(bhttp::verb::get, "/held?slow");
  ASSERT_TRUE(eventually([&] { return held_->size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // six read timeouts' worth
  held_->answer_all();
  EXPECT_EQ(c.read().body(), "held slow");
  EXPECT_EQ(server_->stats().read_timeouts, 0u);
}

TEST_F(server_async, a_throwing_handler_is_500_and_the_connection_survives) {
  start(test_options(), async_routes());
  client c = connect();
  const client_response res = c.get("/boom");
  EXPECT_EQ(res.result_int(), 500u);
  EXPECT_EQ(res.body(), "Internal Server Error");
  EXPECT_EQ(c.get("/-/healthy").result_int(), 200u);
}

TEST_F(server_async, a_dropped_responder_is_500_not_a_hung_connection) {
  start(test_options(), async_routes());
  client c = connect();
  EXPECT_EQ(c.get("/forgets").result_int(), 500u);
  c.send(bhttp::verb::get, "/held?dropped");
  ASSERT_TRUE(eventually([&] { return held_->size() == 1; }));
  held_->drop_all();
  const client_response res = c.read();
  EXPECT_EQ(res.result_int(), 500u);
  EXPECT_EQ(res.body(), "Internal Server Error");
}

TEST_F(server_async, cors_headers_reach_the_wire_on_an_async_answer) {
  start(test_options(), async_routes({.cors = true, .api_prefix = ""}));
  client c = connect();
  c.send("GET /later HTTP/1.1\r\nHost: x\r\nOrigin: http://ui.example\r\n\r\n");
  const client_response res = c.read();
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res["access-control-allow-origin"], "*");
  EXPECT_EQ(res["access-control-allow-credentials"], "true");
}

TEST_F(server_async, the_guard_answers_401_in_front_of_an_async_route) {
  auto routes = async_routes();
  routes->set_guard([](const request& req) -> std::optional<response> {
    if (req.x_api_key == "right") return std::nullopt;
    return detail_response(401, "Invalid or missing API key.");
  });
  start(test_options(), routes);
  client c = connect();
  const client_response denied = c.get("/held?no-key");
  EXPECT_EQ(denied.result_int(), 401u);
  EXPECT_EQ(denied.body(), R"({"detail":"Invalid or missing API key."})");
  EXPECT_EQ(held_->size(), 0u);
  c.send("GET /later?key HTTP/1.1\r\nHost: x\r\nX-API-Key: right\r\n\r\n");
  EXPECT_EQ(c.read().body(), "later key");
}

TEST_F(server_async, the_access_log_records_an_async_exchange_with_its_duration) {
  server_options options = test_options();
  options.access_log = true;
  start(options, async_routes());
  ::testing::internal::CaptureStderr();
  {
    client c = connect();
    EXPECT_EQ(c.get("/later?x").result_int(), 200u);
  }
  answerers_->join_all();
  stop_and_join();
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(std::regex_search(log, std::regex(R"("GET /later\?x" 200 7B \d+us)"))) << log;
}

TEST_F(server_async, stop_closes_a_connection_whose_answer_never_comes_at_the_deadline) {
  server_options options = test_options();
  options.stop_write_timeout = std::chrono::milliseconds(100);
  start(options, async_routes());
  client c = connect();
  c.send(bhttp::verb::get, "/held?never");
  ASSERT_TRUE(eventually([&] { return held_->size() == 1; }));
  server_->stop();
  std::size_t received = 0;
  EXPECT_TRUE(is_closed(c.read_to_close(&received)));
  EXPECT_EQ(received, 0u);
  stop_and_join();  // run() returns although the answer is still owed
  EXPECT_TRUE(io_->stopped());
  held_->answer_all();  // too late: the connection is gone, and the answer is ignored
  io_->restart();
  io_->run();
}

TEST_F(server_async, stop_writes_an_answer_that_comes_then_closes) {
  server_options options = test_options();
  options.stop_write_timeout = std::chrono::seconds(30);  // the answer comes well before
  start(options, async_routes());
  client c = connect();
  c.send(bhttp::verb::get, "/held?in-time");
  ASSERT_TRUE(eventually([&] { return held_->size() == 1; }));
  server_->stop();
  held_->answer_all();
  const client_response res = c.read();
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.body(), "held in-time");
  EXPECT_EQ(res["connection"], "close");
  EXPECT_TRUE(is_closed(c.read_to_close()));
  stop_and_join();
  EXPECT_TRUE(io_->stopped());
}

}  // namespace
}  // namespace smistat::http::test
