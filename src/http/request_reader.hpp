#pragma once
// The reading half of a connection: the bytes the client sent and the request being parsed out of
// them, held to the server's size limits, and what a finished read means for the connection.

#include <optional>
#include <utility>

#include "src/http/net.hpp"
#include "src/http/server_options.hpp"
#include "src/http/wire.hpp"

namespace smistat::http {

/** What a read of a request ended with, so what the connection does next. */
enum class read_outcome {
  request,           ///< a whole request was parsed: route it
  timed_out,         ///< the read timeout passed (an idle keep-alive, or a slow client)
  header_too_large,  ///< 431
  body_too_large,    ///< 413
  malformed,         ///< 400: not HTTP the parser accepts
  client_gone,       ///< end of stream or a partial message: nobody is left to answer
  failed,            ///< a reset, or the read was cancelled by a shutdown
};

/** One connection's incoming bytes and its current request. */
class request_reader {
 public:
  /** Reads the next request off `stream`, within `options`' header and body limits, then calls
   *  `on_done(error_code, bytes)` as Beast's async_read does. */
  template <class Stream, class Handler>
  void async_read(Stream& stream, const server_options& options, Handler&& on_done) {
    start(options);
    bhttp::async_read(stream, buffer_, *parser_, std::forward<Handler>(on_done));
  }

  /** What the read that completed with `ec` means. */
  static read_outcome outcome_of(const beast::error_code& ec);

  /** The parser of the request read last (valid once a read completed). */
  const bhttp::request_parser<bhttp::string_body>& parser() const { return *parser_; }
  /** The request read last. */
  const wire_request& request() const { return parser_->get(); }
  /** Bytes read and not parsed yet; what a stream_session takes over, or a linger drains into. */
  beast::flat_buffer& buffer() noexcept { return buffer_; }

 private:
  void start(const server_options& options);

  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
};

}  // namespace smistat::http
