#pragma once
// The byte stream of one connection: plain TCP, or TLS over TCP. Sessions hold this instead of a
// beast::tcp_stream so the same HTTP code serves both. The executor is a parameter: the server's
// connections name their io_context's executor concretely (no type-erased executor on the hot
// path), the HTTP client keeps any_io_executor. It is a std::variant rather than a
// template parameter of session and stream_session: those classes stay as they were (one
// compiled .cpp each, no explicit instantiations), and the only branch is one std::visit per
// read or write, which is nothing next to a syscall. The timeouts stay on the TCP layer, where
// tcp_stream applies them to every read and write the TLS layer makes as well.

#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <utility>
#include <variant>

#include "src/http/net.hpp"

namespace smistat::http {

template <class Executor>
class basic_plain_or_tls_stream {
 public:
  using tcp_layer_type = beast::basic_stream<tcp, Executor>;
  using tls_stream = beast::ssl_stream<tcp_layer_type>;
  using executor_type = Executor;
  using socket_type = typename tcp_layer_type::socket_type;

  /** Plain HTTP over `socket`. */
  explicit basic_plain_or_tls_stream(socket_type&& socket)
      : stream_(tcp_layer_type(std::move(socket))) {}
  /** TLS over `socket` with `context`, which must outlive the stream. */
  basic_plain_or_tls_stream(socket_type&& socket, net::ssl::context& context)
      : stream_(std::in_place_type<tls_stream>, tcp_layer_type(std::move(socket)), context) {}

  bool is_tls() const noexcept { return std::holds_alternative<tls_stream>(stream_); }
  /** The TLS layer, for a client's name checks and handshake; null for plain TCP. */
  tls_stream* tls() noexcept { return std::get_if<tls_stream>(&stream_); }
  executor_type get_executor() noexcept {
    return std::visit([](auto& s) { return s.get_executor(); }, stream_);
  }
  /** The TCP layer: timeouts, cancel, close. */
  tcp_layer_type& tcp_layer() noexcept {
    if (auto* tls = std::get_if<tls_stream>(&stream_)) return tls->next_layer();
    return std::get<tcp_layer_type>(stream_);
  }
  socket_type& socket() noexcept { return tcp_layer().socket(); }
  void expires_after(std::chrono::steady_clock::duration d) { tcp_layer().expires_after(d); }
  void cancel() { tcp_layer().cancel(); }
  void close() { tcp_layer().close(); }

  template <class MutableBuffers, class Handler>
  void async_read_some(const MutableBuffers& buffers, Handler&& done) {
    std::visit([&](auto& s) { s.async_read_some(buffers, std::forward<Handler>(done)); }, stream_);
  }
  template <class ConstBuffers, class Handler>
  void async_write_some(const ConstBuffers& buffers, Handler&& done) {
    std::visit([&](auto& s) { s.async_write_some(buffers, std::forward<Handler>(done)); }, stream_);
  }
  /** The server side of the TLS handshake; call only when is_tls(). */
  template <class Handler>
  void async_handshake(Handler&& done) {
    std::get<tls_stream>(stream_).async_handshake(net::ssl::stream_base::server,
                                                  std::forward<Handler>(done));
  }

 private:
  std::variant<tcp_layer_type, tls_stream> stream_;
};

/** A server connection's stream, on its io_context's own executor. */
using plain_or_tls_stream = basic_plain_or_tls_stream<connection_executor>;
/** The HTTP client's stream. */
using client_stream = basic_plain_or_tls_stream<net::any_io_executor>;

}  // namespace smistat::http
