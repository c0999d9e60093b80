#pragma once
// CORS exactly as Starlette's CORSMiddleware(allow_origins=["*"], allow_credentials=True,
// allow_methods=["*"], allow_headers=["*"]) answers it, which is what the FastAPI originals run.

#include "src/http/request.hpp"
#include "src/http/response.hpp"

namespace smistat::http::cors {

/** True for a request the middleware answers itself: OPTIONS with Origin and
 *  Access-Control-Request-Method (any path, routed or not). */
bool is_preflight(const request& req) noexcept;

/** The middleware's answer to a preflight: 200 "OK", or 400 "Disallowed CORS method" for a
 *  requested method outside DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT. */
response preflight_response(const request& req);

/** Adds the simple-request headers to `res`; a no-op when the request has no Origin. With a
 *  Cookie the origin is echoed (a credentialed request may not see `*`) and `vary: Origin` added.
 */
void add_simple_headers(response& res, const request& req);

}  // namespace smistat::http::cors
