#pragma once
// What HTTP/1.1 requires of a request that Beast's parser lets through: rules whose violation
// lets a front proxy and this server disagree about where a request ends or whom it is for.

#include <optional>
#include <string>

#include "src/http/net.hpp"

namespace smistat::http {

/** Why a parsed request must be refused, and with which status. */
struct request_problem {
  unsigned status = 400;
  std::string reason;
};

/** The problem with `parser`'s complete request, if any (RFC 9112):
 *  - HTTP/1.1 without exactly one Host (3.2);
 *  - Transfer-Encoding in HTTP/1.0 (6.1), or where chunked is not the final coding (6.3):
 *    Beast then reads no body, and the body's bytes would be taken for the next request;
 *  - an HTTP version other than 1.0 and 1.1 (the HTTP/2 preface parses as `PRI * HTTP/2.0`). */
std::optional<request_problem> request_problem_of(
    const bhttp::request_parser<bhttp::string_body>& parser);

}  // namespace smistat::http
