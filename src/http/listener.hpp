#pragma once
// Accepts connections and hands each to a session on the next of the server's io_contexts in
// turn, pausing instead of spinning when the process runs out of descriptors.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "src/http/io_threads.hpp"
#include "src/http/net.hpp"
#include "src/http/server_state.hpp"

namespace smistat::http {

/** The accept loop. Bound in the constructor so a bad address fails at start-up. */
class listener : public std::enable_shared_from_this<listener> {
 public:
  /** Connections one wake-up of the accept loop takes at most: every one already queued, up to
   *  this, so that a flood of them cannot hold up the main io_context's own requests for long
   *  either. */
  static constexpr std::size_t max_accepts_per_wake = 128;

  /** Opens, binds and listens; throws boost::system::system_error when any step fails. */
  listener(io_threads& threads, const tcp::endpoint& endpoint, std::shared_ptr<server_state> state);

  /** The bound port (the real one when 0 was asked for). */
  std::uint16_t port() const noexcept { return port_; }
  /** Starts accepting. */
  void run();
  /** Thread-safe: closes the acceptor and cancels a pending back-off. */
  void stop();

 private:
  void do_accept();
  void on_accept(beast::error_code ec, connection_socket socket);
  void start_session(connection_socket socket);
  void back_off(const beast::error_code& ec);
  void on_back_off(beast::error_code ec);
  void on_stop();

  io_threads& threads_;
  net::strand<connection_executor> strand_;
  tcp::acceptor acceptor_;
  tcp protocol_;
  net::steady_timer timer_;
  std::shared_ptr<server_state> state_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;      ///< on strand_
  bool backing_off_ = false;  ///< on strand_; logs a descriptor shortage once per episode
};

}  // namespace smistat::http
