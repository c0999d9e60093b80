#pragma once
// A blocking Beast client for server tests, plus a fixture that runs a server on 127.0.0.1:0.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "src/http/io_threads.hpp"
#include "src/http/net.hpp"
#include "src/http/router.hpp"
#include "src/http/server.hpp"

namespace smistat::http::test {

using client_response = bhttp::response<bhttp::string_body>;

/** One blocking connection to the server under test. */
class client {
 public:
  client(net::io_context& ioc, std::uint16_t port);

  /** Writes raw bytes (for requests Beast would refuse to serialise). */
  void send(std::string_view raw);
  /** Sends a request with Host set; `head` asks for a HEAD-style reading of the answer. */
  void send(bhttp::verb method, std::string_view target);
  /** Reads one response; `ec` reports EOF or errors instead of throwing. */
  client_response read(beast::error_code& ec, bool head = false);
  /** Reads one response and fails the test on any error. */
  client_response read(bool head = false);
  /** send() then read(). */
  client_response get(std::string_view target);
  /** Reads until the server closes; returns the final error (eof for a clean close). */
  beast::error_code read_to_close(std::size_t* bytes = nullptr);

  tcp::socket& socket() noexcept { return socket_; }

 private:
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::uint16_t port_;
};

/** Polls `condition` until it holds; the 20 s bound only keeps a broken server from hanging the
 *  suite. Returns the final value. */
template <class Condition>
bool eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

/** True for the errors a client sees when the server closed the connection. */
bool is_closed(const beast::error_code& ec);

/** Threads that answer asynchronous routes, joined before the io_context goes: the last copy of
 *  a responder may hold the connection it answers. */
class answer_threads {
 public:
  /** Runs `work` on a new thread. */
  void run(std::function<void()> work);
  void join_all();
  ~answer_threads() { join_all(); }

 private:
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

/** Runs a server with a small router on its own io_threads. */
class server_test : public ::testing::Test {
 protected:
  /** Options with short timeouts and small limits, bound to 127.0.0.1:0. */
  static server_options test_options();
  /** Builds the server over `routes` and runs it on `threads` threads. */
  void start(server_options options, std::shared_ptr<router> routes, unsigned threads = 2);
  /** Starts with default_routes(). */
  void start(server_options options = test_options(), unsigned threads = 2);
  /** `/gpu/stats` (fixed JSON) and `/echo` (method and query as text). */
  static std::shared_ptr<router> default_routes();
  /** stop(), then joins the io threads (each returns once its io_context has no work left). */
  void stop_and_join();
  void TearDown() override;

  std::uint16_t port() const { return server_->port(); }
  client connect() { return client(client_ioc_, port()); }

  std::unique_ptr<io_threads> io_ = std::make_unique<io_threads>(2);
  net::io_context client_ioc_;
  std::shared_ptr<answer_threads> answerers_ = std::make_shared<answer_threads>();
  std::unique_ptr<server> server_;
  std::thread io_runner_;
};

}  // namespace smistat::http::test
