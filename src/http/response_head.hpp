#pragma once
// The status line and header block of a response, written by hand into a buffer the connection
// keeps. Beast's serializer builds the same bytes through a field container and a chain of
// buffer iterators per message; on a cached answer that was a fifth of the request's cost, while
// the block is a dozen appends. The bytes are exactly the serializer's (a test compares them for
// every kind of response), so clients see no change.

#include <string>
#include <string_view>

#include "src/http/response.hpp"
#include "src/http/wire.hpp"

namespace smistat::http {

/** The longest header value (and name) Beast accepts; a longer one makes the response
 *  unserialisable, as it was with Beast's fields. */
inline constexpr std::size_t max_header_field_bytes = 65533;

/** Replaces `out` with the head of `res` as the wire carries it: the status line, then date,
 *  server, content-length, content-type, the response's own headers, and the connection header
 *  the framing needs, with lower-case names as uvicorn sends them, and the empty line. `date` is
 *  the `date` header's value. Throws std::length_error for a header Beast would refuse. */
void write_response_head(const response& res, const wire_framing& framing, std::string_view date,
                         std::string& out);

}  // namespace smistat::http
