#pragma once
// A pure routing table with FastAPI/Starlette semantics: 404/405/307 bodies and headers, query
// strings ignored for matching, optional CORS, optional prefix. No I/O; sessions call handle().

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/http/request.hpp"
#include "src/http/response.hpp"

namespace smistat::http {

/** Produces the response for one request. Called concurrently from several threads. */
using handler = std::function<response(const request&)>;

/** Runs before every matched handler; a response returned here answers the request instead
 *  (an API-key check answering 401, say). Called concurrently from several threads. */
using route_guard = std::function<std::optional<response>(const request&)>;

/** Whether a route is served under `router_options::api_prefix`. */
enum class prefix_policy { apply, skip };

/** Router-wide behaviour. */
struct router_options {
  /** Answer like Starlette's CORSMiddleware with allow-all settings (section 0.5). */
  bool cors = false;
  /** Prepended to every route added with prefix_policy::apply ("/v1", "v1/" and "/v1/" agree). */
  std::string api_prefix;
};

/** Path -> method -> handler, plus the generic answers FastAPI gives around it. */
class router {
 public:
  explicit router(router_options options = {});

  /** Registers a GET route. Throws std::invalid_argument for a path not starting with '/' or a
   *  method already registered at that path: both are wiring mistakes caught at start-up. */
  void add(std::string_view path, handler h, prefix_policy prefix = prefix_policy::apply);
  /** Registers a route for another method; the 405 `allow` header lists methods in order. */
  void add(std::string_view method, std::string_view path, handler h,
           prefix_policy prefix = prefix_policy::apply);

  /** Installs `g` in front of every route (404, 405, redirects and CORS preflights are answered
   *  without it, as FastAPI's app-wide dependencies only run for a matched route). */
  void set_guard(route_guard g) { guard_ = std::move(g); }

  /** The response for `req`; never throws. A handler that throws or returns a status outside
   *  100-599 becomes a plain 500. */
  response handle(const request& req) const;

  /** The path a route added as `path` is served at. */
  std::string full_path(std::string_view path, prefix_policy prefix) const;
  /** The options the router was built with (prefix normalised). */
  const router_options& options() const noexcept { return options_; }

 private:
  struct route {
    std::vector<std::pair<std::string, handler>> methods;
    std::string allow;
  };
  /** A routed response; `failed` marks an exception, which bypasses CORS like Starlette's
   *  outermost ServerErrorMiddleware. */
  struct routed {
    response res;
    bool failed = false;
  };

  routed route_request(const request& req) const;
  routed invoke(const handler& h, const request& req) const;
  const route* find(const std::string& path) const;

  router_options options_;
  route_guard guard_;
  std::unordered_map<std::string, route> routes_;
};

}  // namespace smistat::http
