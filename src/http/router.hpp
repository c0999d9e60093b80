#pragma once
// A pure routing table with FastAPI/Starlette semantics: 404/405/307 bodies and headers, query
// strings ignored for matching, optional CORS, optional prefix. No I/O; sessions call
// async_handle(). A route is synchronous (its handler returns the response) or asynchronous (its
// handler gets a responder and answers later, from any thread, so no thread waits for data).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "src/http/request.hpp"
#include "src/http/response.hpp"
#include "src/http/route_doc.hpp"

namespace smistat::http {

/** Produces the response for one request. Called concurrently from several threads. */
using handler = std::function<response(const request&)>;

class router;

/** Completes one request; call it exactly once, from any thread. Copies share one answer: the
 *  first call wins and later calls are ignored. When the last copy is destroyed unanswered, the
 *  request is answered with a plain 500 (as if the handler had thrown), so a connection never
 *  hangs on a forgotten responder. */
class responder {
 public:
  /** Answers with `res`, decorated like a synchronous handler's answer (CORS headers; a status
   *  outside 100-599 becomes a plain 500). */
  void operator()(response res) const;
  /** Answers a plain 500, as a handler that throws does (no CORS headers). */
  void fail() const;
  /** True once any copy has answered (or failed). */
  bool answered() const noexcept;

 private:
  friend class router;
  struct state;
  explicit responder(std::shared_ptr<state> s) : state_(std::move(s)) {}
  std::shared_ptr<state> state_;
};

/** Starts answering one request. `req` is valid only during the call: copy what a later answer
 *  needs. Called concurrently from several threads; must not block. */
using async_handler = std::function<void(const request&, responder)>;

/** Runs before every matched handler; a response returned here answers the request instead
 *  (an API-key check answering 401, say). Called concurrently from several threads. */
using route_guard = std::function<std::optional<response>(const request&)>;

/** Whether a route is served under `router_options::api_prefix`. */
enum class prefix_policy { apply, skip };

/** Router-wide behaviour. */
struct router_options {
  /** Answer like Starlette's CORSMiddleware with allow-all settings (the FastAPI originals). */
  bool cors = false;
  /** Prepended to every route added with prefix_policy::apply ("/v1", "v1/" and "/v1/" agree). */
  std::string api_prefix;
};

/** One served path as the API description sees it. */
struct route_entry {
  std::string path;              ///< as served, the API prefix included
  std::optional<route_doc> doc;  ///< none: registered without a description (a wiring mistake)
};

/** Path -> method -> handler, plus the generic answers FastAPI gives around it. */
class router {
 public:
  explicit router(router_options options = {});

  /** Registers a GET route. Throws std::invalid_argument for a path not starting with '/' or a
   *  method already registered at that path: both are wiring mistakes caught at start-up. */
  void add(std::string_view path, handler h, prefix_policy prefix = prefix_policy::apply);
  /** Registers a GET route with its description (what production routes do). */
  void add(std::string_view path, handler h, const route_doc& doc,
           prefix_policy prefix = prefix_policy::apply);

  /** Registers an asynchronous GET route; same rules as add(). */
  void add_async(std::string_view path, async_handler h,
                 prefix_policy prefix = prefix_policy::apply);
  /** Registers an asynchronous GET route with its description. */
  void add_async(std::string_view path, async_handler h, const route_doc& doc,
                 prefix_policy prefix = prefix_policy::apply);

  /** Every served path in the order it was registered, with its description: the source of
   *  /openapi.json and of the test that no served path goes undescribed. */
  std::vector<route_entry> table() const;

  /** Installs `g` in front of every route (404, 405, redirects and CORS preflights are answered
   *  without it, as FastAPI's app-wide dependencies only run for a matched route). */
  void set_guard(route_guard g) { guard_ = std::move(g); }

  /** Routes `req` and calls `done` once with the response, from the thread that answers. Sessions
   *  call this. Synchronous answers (404, 405, 307, CORS preflights, guard refusals, synchronous
   *  routes) call `done` before returning. Never throws; a handler that throws or answers a status
   *  outside 100-599 becomes a plain 500. */
  void async_handle(const request& req, std::function<void(response)> done) const;

  /** The response for `req`, for synchronous routes; never throws and never waits. An
   *  asynchronous route's answer is returned when its handler answered before returning;
   *  otherwise this returns a plain 500 and the later answer is discarded. */
  response handle(const request& req) const;

  /** The path a route added as `path` is served at. */
  std::string full_path(std::string_view path, prefix_policy prefix) const;
  /** The options the router was built with (prefix normalised). */
  const router_options& options() const noexcept { return options_; }

 private:
  /** One method of a route: exactly one of the handlers is set. */
  struct endpoint {
    std::string method;
    handler sync;
    async_handler async;
  };
  struct route {
    std::vector<endpoint> methods;
    std::string allow;
    std::optional<route_doc> doc;
  };
  /** A routed response; `failed` marks an exception, which bypasses CORS like Starlette's
   *  outermost ServerErrorMiddleware. */
  struct routed {
    response res;
    bool failed = false;
  };

  void add_endpoint(endpoint e, std::string_view path, prefix_policy prefix,
                    std::optional<route_doc> doc);
  /** The endpoint `req` goes to, or the generic answer (404, 405, 307) when none. */
  std::variant<const endpoint*, response> match(const request& req) const;
  routed invoke(const handler& h, const request& req) const;
  void invoke_async(const async_handler& h, const request& req,
                    std::function<void(response)> done) const;
  /** CORS headers on a routed answer, or the plain 500 for a failed one. */
  response decorate(routed out, const request& req) const;
  const route* find(const std::string& path) const;

  router_options options_;
  route_guard guard_;
  std::unordered_map<std::string, route> routes_;
  std::vector<std::string> registration_order_;
};

}  // namespace smistat::http
