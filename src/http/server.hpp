#pragma once
// The HTTP server: a listener plus its sessions on caller-owned io_threads, one single-threaded
// io_context per thread. Handlers of different connections run concurrently; one connection's
// never do.

#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <memory>

#include "src/http/io_threads.hpp"
#include "src/http/net.hpp"
#include "src/http/router.hpp"
#include "src/http/server_options.hpp"

namespace smistat::http {

class listener;
class server_state;
struct web_settings;

/** Serves `routes` on one address and port until stop(). */
class server {
 public:
  /** Binds at once; throws boost::system::system_error when the address cannot be used (a bad
   *  address or a port in use is fatal at start-up). Nothing is accepted before start(). */
  server(io_threads& threads, server_options options, std::shared_ptr<const router> routes);
  /** Stops accepting and asks every session to close (see stop()). */
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /** The bound port (useful with port 0). */
  std::uint16_t port() const noexcept;
  /** Starts accepting connections. */
  void start();
  /** Graceful shutdown, callable from any thread and more than once: stop accepting, close idle
   *  connections, finish responses in flight (an answer an asynchronous route still owes is
   *  written if it comes within server_options::stop_write_timeout, else the connection is
   *  closed), end open streams (their sources are stopped and the last chunk written), then
   *  close those too. The io_contexts run out of work once the last response is written (the
   *  caller releases the idle ones with io_threads::release()). */
  void stop();
  /** Counters since construction. */
  server_stats stats() const noexcept;
  /** TLS, basic auth and extra headers for connections accepted from now on (thread-safe; a
   *  web configuration reload calls it). Null: plain HTTP without authentication, the default. */
  void use_web_settings(std::shared_ptr<const web_settings> settings);

 private:
  std::shared_ptr<server_state> state_;
  std::shared_ptr<listener> listener_;
  /** One thread for bcrypt checks, so a password check never stalls an I/O thread. Declared
   *  last so it is joined first: sessions only post to it while the server lives (the caller
   *  destroys the server after its io_context threads are done). */
  net::thread_pool verifier_{1};
};

}  // namespace smistat::http
