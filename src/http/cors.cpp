#include "src/http/cors.hpp"

#include <array>
#include <string_view>

namespace smistat::http::cors {
namespace {

// Starlette's ALL_METHODS, the expansion of allow_methods=["*"], in its order.
constexpr std::array<std::string_view, 7> all_methods{"DELETE", "GET",  "HEAD", "OPTIONS",
                                                      "PATCH",  "POST", "PUT"};
constexpr std::string_view all_methods_joined = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";

bool method_allowed(std::string_view method) noexcept {
  for (auto m : all_methods) {
    if (m == method) return true;
  }
  return false;
}

/** Starlette's MutableHeaders.add_vary_header: appends to an existing vary value. */
void add_vary_origin(response& res) {
  if (const auto* existing = res.find_header("vary")) {
    res.set_header("vary", *existing + ", Origin");
  } else {
    res.set_header("vary", "Origin");
  }
}

}  // namespace

bool is_preflight(const request& req) noexcept {
  return req.method == "OPTIONS" && req.origin.has_value() &&
         req.access_control_request_method.has_value();
}

response preflight_response(const request& req) {
  const bool ok = method_allowed(*req.access_control_request_method);
  response res = text_response(ok ? 200 : 400, ok ? "OK" : "Disallowed CORS method");
  // Order as Starlette builds it: its preflight_headers dict, then the per-request values.
  res.headers = {
      {"vary", "Origin"},
      {"access-control-allow-methods", std::string(all_methods_joined)},
      {"access-control-max-age", "600"},
      {"access-control-allow-credentials", "true"},
      {"access-control-allow-origin", *req.origin},
  };
  if (req.access_control_request_headers) {
    res.headers.push_back({"access-control-allow-headers", *req.access_control_request_headers});
  }
  return res;
}

void add_simple_headers(response& res, const request& req) {
  if (!req.origin) return;
  res.set_header("access-control-allow-origin", "*");
  res.set_header("access-control-allow-credentials", "true");
  if (req.has_cookie) {
    res.set_header("access-control-allow-origin", *req.origin);
    add_vary_origin(res);
  }
}

}  // namespace smistat::http::cors
