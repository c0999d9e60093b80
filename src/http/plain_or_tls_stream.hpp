#pragma once
// The byte stream of one connection: plain TCP, or TLS over TCP. Sessions hold this instead of a
// beast::tcp_stream so the same HTTP code serves both. It is a std::variant rather than a
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

class plain_or_tls_stream {
 public:
  using tls_stream = beast::ssl_stream<beast::tcp_stream>;
  using executor_type = beast::tcp_stream::executor_type;

  /** Plain HTTP over `socket`. */
  explicit plain_or_tls_stream(tcp::socket&& socket)
      : stream_(beast::tcp_stream(std::move(socket))) {}
  /** TLS over `socket` with `context`, which must outlive the stream. */
  plain_or_tls_stream(tcp::socket&& socket, net::ssl::context& context)
      : stream_(std::in_place_type<tls_stream>, beast::tcp_stream(std::move(socket)), context) {}

  bool is_tls() const noexcept { return std::holds_alternative<tls_stream>(stream_); }
  /** The TLS layer, for a client's name checks and handshake; null for plain TCP. */
  tls_stream* tls() noexcept { return std::get_if<tls_stream>(&stream_); }
  executor_type get_executor() noexcept {
    return std::visit([](auto& s) { return s.get_executor(); }, stream_);
  }
  /** The TCP layer: timeouts, cancel, close. */
  beast::tcp_stream& tcp_layer() noexcept {
    if (auto* tls = std::get_if<tls_stream>(&stream_)) return tls->next_layer();
    return std::get<beast::tcp_stream>(stream_);
  }
  tcp::socket& socket() noexcept { return tcp_layer().socket(); }
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
  std::variant<beast::tcp_stream, tls_stream> stream_;
};

}  // namespace smistat::http
