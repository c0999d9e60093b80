#pragma once
// The response as handlers and the router produce it: plain data the session writes as is.
//
// Streaming (Server-Sent Events): a handler returns a response whose `stream` is set. The session
// then writes the header block without a content-length (chunked on HTTP/1.1, close-delimited on
// HTTP/1.0) and hands the connection to a stream_session (src/http/stream_session.hpp), which
// gives the source a stream_channel (src/http/stream.hpp). `body` is ignored for such a response.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/http/stream.hpp"

namespace smistat::http {

/** One extra response header; names are written as given (lower case, like uvicorn). */
struct header_field {
  std::string name;
  std::string value;
  bool operator==(const header_field&) const = default;
};

/** What a handler returns. The body is shared so cached renderings are written without copies. */
struct response {
  unsigned status = 200;
  std::string content_type;                 ///< empty: no content-type header (e.g. a redirect)
  std::shared_ptr<const std::string> body;  ///< null means an empty body
  /** Sent before `body` without being copied into it: a part many answers share (the GPU
   *  families of /metrics, rendered once per sample). Null: none. */
  std::shared_ptr<const std::string> prefix;
  std::vector<header_field> headers;  ///< besides date, server, content-length, type
  /** Set for a streaming response: the frames come from here instead of `body`. */
  std::shared_ptr<stream_source> stream;

  /** The bytes of `body`, after any `prefix`; empty when `body` is null. */
  std::string_view body_view() const noexcept { return body ? std::string_view(*body) : ""; }
  /** The bytes of `prefix`; empty when it is null. */
  std::string_view prefix_view() const noexcept { return prefix ? std::string_view(*prefix) : ""; }
  /** The length of the whole body: prefix and body. */
  std::size_t body_size() const noexcept { return prefix_view().size() + body_view().size(); }
  /** The whole body in one string (prefix and body), for readers that need it contiguous. */
  std::string body_text() const;
  /** The value of the first header named `name` (case-insensitive), or nullptr. */
  const std::string* find_header(std::string_view name) const noexcept;
  /** Replaces the first header named `name` or appends it (Starlette's MutableHeaders set). */
  void set_header(std::string_view name, std::string value);
};

/** `application/json`, no charset, as FastAPI's JSONResponse sends it. */
inline constexpr std::string_view json_content_type = "application/json";
/** Starlette's PlainTextResponse content type. */
inline constexpr std::string_view text_content_type = "text/plain; charset=utf-8";

/** A JSON response with a shared body. */
response json_response(unsigned status, std::shared_ptr<const std::string> body);
/** A JSON response owning `body`. */
response json_response(unsigned status, std::string body);
/** A `text/plain; charset=utf-8` response. */
response text_response(unsigned status, std::string body);
/** FastAPI's error shape `{"detail":"<text>"}`; `detail` must need no JSON escaping. */
response detail_response(unsigned status, std::string_view detail);

}  // namespace smistat::http
