#pragma once
// Conversion between Beast messages and the router's plain request/response.

#include <string>
#include <string_view>

#include "src/http/net.hpp"
#include "src/http/request.hpp"
#include "src/http/response.hpp"

namespace smistat::http {

/** The parsed request type sessions read. */
using wire_request = bhttp::request<bhttp::string_body>;
/** The header block of a streaming response (no body type: frames follow separately). */
using wire_stream_header = bhttp::response<bhttp::empty_body>;

/** Copies out what the router needs from a parsed request. */
request to_request(const wire_request& req, std::string_view server_authority);

/** `address:port` (`[address]:port` for IPv6), as the access log and redirects show an
 *  endpoint; `omit_default_port` leaves out port 80, as Starlette does in a URL. */
std::string format_endpoint(const tcp::endpoint& ep, bool omit_default_port);

/** How a response goes on the wire for this particular request. */
struct wire_framing {
  unsigned version = 11;  ///< the request's HTTP version (10 or 11)
  bool keep_alive = true;
  bool head = false;  ///< HEAD: content-length of the body, but no body bytes
};

/** Fills the header block of a streaming response: date, server, the extra headers, then the
 *  content-type and, for HTTP/1.1, `transfer-encoding: chunked` (uvicorn's order). HTTP/1.0 gets
 *  no length at all: the stream ends when the connection closes. */
void to_wire_stream_header(const response& res, unsigned version, wire_stream_header& out);

}  // namespace smistat::http
