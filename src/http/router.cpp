#include "src/http/router.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>

#include "src/common/log.hpp"
#include "src/http/cors.hpp"
#include "src/http/target.hpp"

namespace smistat::http {
namespace {

std::string normalise_prefix(std::string_view prefix) {
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  while (!prefix.empty() && prefix.front() == '/') prefix.remove_prefix(1);
  if (prefix.empty()) return {};
  return "/" + std::string(prefix);
}

/** Starlette's redirect_slashes: the same path with its trailing slash removed or added. */
std::string slash_alternative(const std::string& path) {
  if (!path.empty() && path.back() == '/') return path.substr(0, path.size() - 1);
  return path + "/";
}

response internal_server_error() { return text_response(500, "Internal Server Error"); }

/** False (and logged) for a status outside 100-599, which no client could read. */
bool valid_status(unsigned status, std::string_view method, std::string_view path) {
  if (status >= 100 && status <= 599) return true;
  log::error("handler for " + std::string(method) + " " + std::string(path) + " returned status " +
             std::to_string(status));
  return false;
}

/** What every routed answer goes through: a failure becomes a plain 500, which bypasses CORS like
 *  Starlette's outermost ServerErrorMiddleware; anything else gets the CORS headers. */
response finish(response res, bool failed, bool cors, const request& req) {
  if (failed) return internal_server_error();
  if (cors) cors::add_simple_headers(res, req);
  return res;
}

response redirect(const request& req, const std::string& target_path) {
  // Starlette builds the URL from the Host header, falling back to the server address.
  const std::string& authority = req.host.empty() ? req.server_authority : req.host;
  std::string location = authority.empty() ? target_path : "http://" + authority + target_path;
  if (!req.query.empty()) location += "?" + req.query;
  response res;
  res.status = 307;
  res.headers.push_back({"location", std::move(location)});
  return res;
}

}  // namespace

/** One request's answer, shared by every copy of its responder. */
struct responder::state {
  std::function<void(response)> done;
  bool cors = false;
  request cors_request;  ///< only what the CORS headers depend on: origin and cookie
  std::string method;    ///< for the log
  std::string path;
  std::atomic<bool> answered{false};

  state(std::function<void(response)> d, bool with_cors, const request& req)
      : done(std::move(d)), cors(with_cors), method(req.method), path(req.path) {
    cors_request.origin = req.origin;
    cors_request.has_cookie = req.has_cookie;
  }
  state(const state&) = delete;
  state& operator=(const state&) = delete;
  ~state() {
    if (answered.exchange(true)) return;
    try {
      log::error("handler for " + method + " " + path + " dropped its responder unanswered");
    } catch (...) {  // a log line is not worth terminating for
    }
    deliver(response{}, true);
  }

  void deliver(response res, bool failed) noexcept {
    try {
      failed = failed || !valid_status(res.status, method, path);
      done(finish(std::move(res), failed, cors, cors_request));
    } catch (...) {  // only out of memory; a destructor or a second thread cannot report it
    }
  }
};

void responder::operator()(response res) const {
  if (state_ && !state_->answered.exchange(true)) state_->deliver(std::move(res), false);
}

void responder::fail() const {
  if (state_ && !state_->answered.exchange(true)) state_->deliver(response{}, true);
}

bool responder::answered() const noexcept {
  return state_ && state_->answered.load(std::memory_order_acquire);
}

router::router(router_options options) : options_(std::move(options)) {
  options_.api_prefix = normalise_prefix(options_.api_prefix);
}

std::string router::full_path(std::string_view path, prefix_policy prefix) const {
  if (prefix == prefix_policy::skip) return std::string(path);
  return options_.api_prefix + std::string(path);
}

void router::add(std::string_view path, handler h, prefix_policy prefix) {
  add_endpoint({"GET", std::move(h), {}}, path, prefix, std::nullopt);
}

void router::add(std::string_view path, handler h, const route_doc& doc, prefix_policy prefix) {
  add_endpoint({"GET", std::move(h), {}}, path, prefix, doc);
}

void router::add_async(std::string_view path, async_handler h, prefix_policy prefix) {
  add_endpoint({"GET", {}, std::move(h)}, path, prefix, std::nullopt);
}

void router::add_async(std::string_view path, async_handler h, const route_doc& doc,
                       prefix_policy prefix) {
  add_endpoint({"GET", {}, std::move(h)}, path, prefix, doc);
}

std::vector<route_entry> router::table() const {
  std::vector<route_entry> out;
  out.reserve(registration_order_.size());
  for (const auto& path : registration_order_) out.push_back({path, routes_.at(path).doc});
  return out;
}

void router::add_endpoint(endpoint e, std::string_view path, prefix_policy prefix,
                          std::optional<route_doc> doc) {
  if (path.empty() || path.front() != '/') {
    throw std::invalid_argument("route path must start with '/': " + std::string(path));
  }
  if (!e.sync && !e.async) {
    throw std::invalid_argument("route without a handler: " + full_path(path, prefix));
  }
  const std::string served = full_path(path, prefix);
  const auto [at, is_new] = routes_.try_emplace(served);
  if (is_new) registration_order_.push_back(served);
  auto& r = at->second;
  if (doc) r.doc = doc;
  for (const auto& existing : r.methods) {
    if (existing.method == e.method) {
      throw std::invalid_argument("route registered twice: " + e.method + " " + served);
    }
  }
  if (!r.allow.empty()) r.allow += ", ";
  r.allow += e.method;
  r.methods.push_back(std::move(e));
}

void router::async_handle(const request& req, std::function<void(response)> done) const {
  // CORS wraps routing, so a preflight is answered even for a path that does not exist.
  if (options_.cors && cors::is_preflight(req)) return done(cors::preflight_response(req));
  auto target = match(req);
  if (auto* generic = std::get_if<response>(&target)) {
    return done(decorate({std::move(*generic)}, req));
  }
  const endpoint& e = *std::get<const endpoint*>(target);
  if (e.async) return invoke_async(e.async, req, std::move(done));
  done(decorate(invoke(e.sync, req), req));
}

response router::handle(const request& req) const {
  // A late asynchronous answer may come from another thread after this returned.
  struct slot {
    std::mutex mutex;
    std::optional<response> answer;
    bool abandoned = false;
  };
  const auto s = std::make_shared<slot>();
  async_handle(req, [s](response res) {
    std::lock_guard lock(s->mutex);
    if (!s->abandoned) s->answer = std::move(res);
  });
  std::lock_guard lock(s->mutex);
  s->abandoned = true;
  if (s->answer) return std::move(*s->answer);
  log::error("handle() cannot wait for the asynchronous route " + req.method + " " + req.path);
  return internal_server_error();
}

std::variant<const router::endpoint*, response> router::match(const request& req) const {
  // Starlette matches the percent-decoded path; the query never takes part.
  const std::string path = percent_decode(req.path);
  if (const route* r = find(path)) {
    for (const auto& e : r->methods) {
      if (e.method == req.method) return &e;
    }
    response res = detail_response(405, "Method Not Allowed");
    res.headers.push_back({"allow", r->allow});
    return res;
  }
  if (path != "/") {
    const std::string alternative = slash_alternative(path);
    if (find(alternative) != nullptr) return redirect(req, alternative);
  }
  return detail_response(404, "Not Found");
}

router::routed router::invoke(const handler& h, const request& req) const {
  try {
    if (guard_) {
      if (auto denied = guard_(req)) return {std::move(*denied)};
    }
    response res = h(req);
    if (valid_status(res.status, req.method, req.path)) return {std::move(res)};
  } catch (const std::exception& e) {
    log::error("handler for " + req.method + " " + req.path + " threw: " + e.what());
  } catch (...) {
    log::error("handler for " + req.method + " " + req.path + " threw a non-exception");
  }
  return {internal_server_error(), true};
}

void router::invoke_async(const async_handler& h, const request& req,
                          std::function<void(response)> done) const {
  const responder answer(std::make_shared<responder::state>(std::move(done), options_.cors, req));
  try {
    if (guard_) {
      if (auto denied = guard_(req)) return answer(std::move(*denied));
    }
    // The handler keeps a copy while it works; once every copy is gone unanswered, the state
    // answers 500 itself.
    return h(req, answer);
  } catch (const std::exception& e) {
    log::error("handler for " + req.method + " " + req.path + " threw: " + e.what());
  } catch (...) {
    log::error("handler for " + req.method + " " + req.path + " threw a non-exception");
  }
  answer.fail();  // ignored when the handler answered before it threw
}

response router::decorate(routed out, const request& req) const {
  return finish(std::move(out.res), out.failed, options_.cors, req);
}

const router::route* router::find(const std::string& path) const {
  const auto it = routes_.find(path);
  return it == routes_.end() ? nullptr : &it->second;
}

}  // namespace smistat::http
