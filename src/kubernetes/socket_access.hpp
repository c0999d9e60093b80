#pragma once
// Why a unix socket cannot be used, in words a log line can carry: gRPC itself reports a
// missing socket and a refused permission both as "failed to connect to all addresses".

#include <string>

namespace smistat::kubernetes {

/** "" when `path` is a socket this process may open; otherwise the reason (`socket missing:
 *  ...`, `socket not readable: ...`, `not a socket: ...`). */
std::string socket_problem(const std::string& path);

}  // namespace smistat::kubernetes
