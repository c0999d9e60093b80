// Concurrency and graceful stop.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "src/http/server.hpp"
#include "tests/http/test_client.hpp"

namespace smistat::http::test {
namespace {

TEST_F(server_test, many_concurrent_connections_are_all_answered) {
  start(test_options(), 2);
  constexpr int connections = 200;
  std::vector<client> clients;
  clients.reserve(connections);
  for (int i = 0; i < connections; ++i) clients.push_back(connect());
  for (int i = 0; i < connections; ++i) {
    clients[static_cast<std::size_t>(i)].send(bhttp::verb::get, "/echo?" + std::to_string(i));
  }
  for (int i = 0; i < connections; ++i) {
    const client_response res = clients[static_cast<std::size_t>(i)].read();
    EXPECT_EQ(res.body(), "GET " + std::to_string(i));
  }
  EXPECT_EQ(server_->stats().connections_accepted, static_cast<std::uint64_t>(connections));
}

/** A handler that blocks until the test releases it, to hold a request in flight. */
struct gate {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
};

TEST_F(server_test, stop_finishes_the_response_in_flight_and_closes_idle_connections) {
  auto g = std::make_shared<gate>();
  auto routes = default_routes();
  routes->add("/slow", [g](const request&) {
    g->entered.set_value();
    g->released.wait();
    return text_response(200, "slow but delivered");
  });
  start(test_options(), routes, 2);

  client idle = connect();
  EXPECT_EQ(idle.get("/gpu/stats").result_int(), 200u);  // now an idle keep-alive connection
  client busy = connect();
  busy.send(bhttp::verb::get, "/slow");
  g->entered.get_future().wait();

  server_->stop();
  EXPECT_TRUE(is_closed(idle.read_to_close()));
  g->release.set_value();

  const client_response res = busy.read();
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.body(), "slow but delivered");
  EXPECT_EQ(res["connection"], "close");
  EXPECT_TRUE(is_closed(busy.read_to_close()));

  // run() returns in both threads: nothing (acceptor, timers, sessions) is left behind.
  stop_and_join();
  EXPECT_TRUE(io_->stopped());
}

TEST_F(server_test, stop_refuses_new_connections) {
  start();
  const std::uint16_t bound = port();
  server_->stop();
  stop_and_join();
  net::io_context ioc;
  tcp::socket s(ioc);
  beast::error_code ec;
  s.connect({net::ip::make_address("127.0.0.1"), bound}, ec);
  EXPECT_EQ(ec, net::error::connection_refused);
}

TEST_F(server_test, stop_without_connections_lets_run_return_and_is_idempotent) {
  start();
  server_->stop();
  server_->stop();
  stop_and_join();
  EXPECT_TRUE(io_->stopped());
}

TEST_F(server_test, stop_cuts_a_write_to_a_client_that_never_reads) {
  const auto big = std::make_shared<const std::string>(32u << 20, 'x');
  auto routes = default_routes();
  auto g = std::make_shared<gate>();
  routes->add("/big", [big, g](const request&) {
    g->entered.set_value();
    return text_response(200, *big);
  });
  server_options options = test_options();
  options.stop_write_timeout = std::chrono::milliseconds(100);
  start(options, routes);
  client c = connect();
  c.send(bhttp::verb::get, "/big");
  g->entered.get_future().wait();
  server_->stop();
  stop_and_join();  // returns although the client never reads the 32 MiB
  std::size_t received = 0;
  EXPECT_TRUE(is_closed(c.read_to_close(&received)));
  EXPECT_LT(received, big->size());
}

TEST_F(server_test, write_timeout_closes_a_client_that_never_reads) {
  const auto big = std::make_shared<const std::string>(32u << 20, 'x');
  auto routes = default_routes();
  routes->add("/big", [big](const request&) { return text_response(200, *big); });
  server_options options = test_options();
  options.write_timeout = std::chrono::milliseconds(200);
  start(options, routes);
  client c = connect();
  c.send(bhttp::verb::get, "/big");
  ASSERT_TRUE(eventually([&] { return server_->stats().write_timeouts == 1; }));
  std::size_t received = 0;
  EXPECT_TRUE(is_closed(c.read_to_close(&received)));
  EXPECT_LT(received, big->size());
}

}  // namespace
}  // namespace smistat::http::test
