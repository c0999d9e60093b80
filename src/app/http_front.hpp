#pragma once
// The HTTP side of `smistat serve`: one single-threaded io_context per HTTP thread (the first
// also runs every HTTP-side service), the routes over what collection publishes, the server
// bound to its port, and the web configuration with its SIGHUP reload.

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>

#include "src/app/collection_service.hpp"
#include "src/app/web_config_reload.hpp"
#include "src/config/config.hpp"
#include "src/http/io_threads.hpp"
#include "src/http/server.hpp"

namespace smistat::app {

/** Routes keep references into it, so it never moves. */
class http_front {
 public:
  /** The io_contexts and the routes, reading from `collection`; `cfg` and `collection` must
   *  outlive this. */
  http_front(const config& cfg, collection_service& collection);
  http_front(const http_front&) = delete;
  http_front& operator=(const http_front&) = delete;

  /** Binds the server; false (logged) when it cannot listen. */
  bool bind();

  /** Reads --web.config.file, if any, into the server and watches it for SIGHUP; true when it
   *  turns TLS on. A bad file throws, as a bad option does. */
  bool use_web_config();

  /** Starts accepting connections. */
  void start();

  /** Runs the HTTP threads on this one and the others until every io_context ends. */
  void run();

  /** A graceful stop: accepts nothing more and lets each thread end once its connections are
   *  done; the web configuration is no longer watched. */
  void stop();

  /** Ends every HTTP thread now (the stop deadline). */
  void stop_now();

  /** Where the signals and the stop deadline wait. */
  boost::asio::io_context& main_io() noexcept { return contexts_.main(); }

  std::uint16_t port() const noexcept { return server_->port(); }

 private:
  const config& cfg_;
  http::io_threads contexts_;
  std::shared_ptr<const http::router> routes_;
  std::unique_ptr<http::server> server_;
  std::unique_ptr<web_config_reload> web_reload_;
};

/** The front for `cfg`, bound and with its web configuration read, once "listening on" is
 *  logged; null when it cannot listen (logged). */
std::unique_ptr<http_front> open_http_front(const config& cfg, collection_service& collection);

}  // namespace smistat::app
