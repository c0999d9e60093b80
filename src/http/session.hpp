#pragma once
// One HTTP/1.1 connection: read a request, route it, wait for the answer without holding a thread,
// write the response, repeat while the client keeps the connection alive. Follows Beast's
// http_server_async session (do_/on_ pairs, a deadline on every read and write, though kept by
// a connection_deadline: basic_stream's timer costs each request two more handlers); the
// connection lives on one single-threaded io_context (io_threads), so it needs no strand. The
// session holds the connection's phases and deadlines; what it reads and what it writes are a
// request_reader's and a response_writer's. A streaming response's header block is written here;
// then the connection is handed to a stream_session. Under a web configuration the connection
// starts with a TLS handshake, and every request (whatever its route, probes included, as
// exporter-toolkit does) must carry basic-auth credentials before it is routed.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "src/http/connection_deadline.hpp"
#include "src/http/net.hpp"
#include "src/http/plain_or_tls_stream.hpp"
#include "src/http/request_reader.hpp"
#include "src/http/response.hpp"
#include "src/http/response_writer.hpp"
#include "src/http/server_state.hpp"
#include "src/http/wire.hpp"

namespace smistat::http {

class access_log_buffer;

/** A connection; owned by its own pending operations through shared_from_this. */
class session : public connection, public std::enable_shared_from_this<session> {
 public:
  /** Takes an accepted socket on an io_context that one thread runs. */
  session(connection_socket&& socket, std::shared_ptr<server_state> state);
  ~session() override;
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  /** Registers with the server and starts reading. */
  void run();
  /** Thread-safe. Closes the connection now if it is waiting for a request; an answer still being
   *  prepared, then written, is given server_options::stop_write_timeout to arrive and another to
   *  be written, and the connection is closed after it (or at that deadline). */
  void shutdown() override;

 private:
  /** `waiting`: the router has the request and no I/O is pending. `closed` also once a
   *  stream_session has taken the connection over. */
  enum class phase { reading, waiting, writing, lingering, closed };
  enum class after_write { read_next, close, linger };

  void do_handshake();
  void on_handshake(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void handle_request();
  void check_credentials(request routed);
  void on_verified(request routed, bool allowed);
  void route(const request& routed);
  void on_answer(response res);
  void reject(unsigned status, std::string_view text);
  void write_response(response res, const wire_framing& framing, after_write next);
  void on_write(after_write next, beast::error_code ec, std::size_t bytes);
  void do_linger();
  void on_linger(beast::error_code ec, std::size_t bytes);
  void do_close();
  void on_shutdown();
  void start_stop_timer();
  void cancel_stop_timer();
  void on_stop_timer(beast::error_code ec);
  void log_access() const;

  void start_stream(response res, unsigned version);
  void on_stream_header(beast::error_code ec, std::size_t bytes);

  /** The settings this connection was accepted under (a reload does not change them). */
  std::shared_ptr<const web_settings> web_;
  plain_or_tls_stream stream_;
  net::steady_timer stop_timer_;
  bool stop_timer_armed_ = false;
  connection_deadline deadline_;
  /** Held while an answer is awaited, when no operation of ours is pending. */
  std::optional<net::executor_work_guard<connection_executor>> awaiting_;
  request_reader reader_;
  response_writer writer_;
  std::shared_ptr<server_state> state_;
  std::string remote_;     ///< peer address, for the access log
  std::string authority_;  ///< local address, for redirects without a Host header
  /** Its io_context's access log; null when the access log is off. */
  access_log_buffer* access_log_ = nullptr;
  std::uint64_t id_ = 0;
  phase phase_ = phase::reading;
  bool stopping_ = false;
  // Access-log fields of the exchange in progress.
  std::string method_ = "-";
  std::string target_ = "-";
  std::chrono::steady_clock::time_point started_{};
};

}  // namespace smistat::http
