#pragma once
// The writing half of a connection: the response going out, its head written by hand into a
// buffer kept from one response to the next (response_head), and the buffers of the one gather
// write that sends head and body; or, for a streaming response, its header block, written by
// Beast's serializer before the connection is handed to a stream_session.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "src/http/net.hpp"
#include "src/http/response.hpp"
#include "src/http/stream.hpp"
#include "src/http/wire.hpp"

namespace smistat::http {

/** The response a connection writes, or last wrote. */
class response_writer {
 public:
  /** Takes `res`, with `extra` headers set on it, and writes its head for `framing`. A head that
   *  cannot be serialised (a header longer than HTTP/1.1 servers accept) is logged and replaced
   *  by a 500's; false then, and the connection must close after it. */
  bool prepare(response res, const wire_framing& framing, std::span<const header_field> extra);
  /** Head and body of the prepared response, for one gather write; the body is the response's
   *  own (a cached rendering is never copied). Valid until the next prepare or release. */
  const std::vector<net::const_buffer>& buffers() const noexcept { return buffers_; }

  /** Writes the header block of the streaming response `res` for HTTP `version`, with `extra`
   *  headers set on it, then calls `on_done(error_code, bytes)` as Beast's async_write_header
   *  does. The response stays current (for the access log); its source is kept apart. */
  template <class Stream, class Handler>
  void async_write_stream_header(Stream& stream, response res, unsigned version,
                                 std::span<const header_field> extra, Handler&& on_done) {
    prepare_stream_header(std::move(res), version, extra);
    bhttp::async_write_header(stream, *stream_head_->serializer, std::forward<Handler>(on_done));
  }
  /** The source of the stream whose header block was written. */
  std::shared_ptr<stream_source> take_stream_source();
  /** Whether that stream's body goes out in chunks (HTTP/1.1) or raw (HTTP/1.0). */
  bool stream_is_chunked() const noexcept { return stream_head_ && stream_head_->chunked; }

  /** The prepared response, or the stream's. */
  const response& current() const noexcept { return current_; }
  /** Drops the response, and with it a reference to a cached body, once it is written. */
  void release() { current_ = {}; }

 private:
  /** A streaming response's header block on its way out (the serializer refers to `message`,
   *  so it is built in place and never moved). */
  struct stream_head {
    wire_stream_header message;
    std::optional<bhttp::response_serializer<bhttp::empty_body>> serializer;
    std::shared_ptr<stream_source> source;
    // No default member initializer: clang 14 then finds the nested struct not default
    // constructible inside the enclosing class, and optional::emplace() fails to compile.
    // emplace() value-initializes it; prepare_stream_header sets it.
    bool chunked;
  };

  void prepare_stream_header(response res, unsigned version, std::span<const header_field> extra);

  response current_;
  std::string head_;                        ///< its capacity is kept for the next response
  std::vector<net::const_buffer> buffers_;  ///< head and body; capacity kept likewise
  std::optional<stream_head> stream_head_;
};

}  // namespace smistat::http
