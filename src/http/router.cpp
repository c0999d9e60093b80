#include "src/http/router.hpp"

#include <exception>
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

router::router(router_options options) : options_(std::move(options)) {
  options_.api_prefix = normalise_prefix(options_.api_prefix);
}

std::string router::full_path(std::string_view path, prefix_policy prefix) const {
  if (prefix == prefix_policy::skip) return std::string(path);
  return options_.api_prefix + std::string(path);
}

void router::add(std::string_view path, handler h, prefix_policy prefix) {
  add("GET", path, std::move(h), prefix);
}

void router::add(std::string_view method, std::string_view path, handler h, prefix_policy prefix) {
  if (path.empty() || path.front() != '/') {
    throw std::invalid_argument("route path must start with '/': " + std::string(path));
  }
  auto& r = routes_[full_path(path, prefix)];
  for (const auto& [m, existing] : r.methods) {
    if (m == method) {
      throw std::invalid_argument("route registered twice: " + std::string(method) + " " +
                                  full_path(path, prefix));
    }
  }
  r.methods.emplace_back(std::string(method), std::move(h));
  if (!r.allow.empty()) r.allow += ", ";
  r.allow += method;
}

response router::handle(const request& req) const {
  // CORS wraps routing, so a preflight is answered even for a path that does not exist.
  if (options_.cors && cors::is_preflight(req)) return cors::preflight_response(req);
  routed out = route_request(req);
  if (out.failed) return internal_server_error();
  if (options_.cors) cors::add_simple_headers(out.res, req);
  return std::move(out.res);
}

router::routed router::route_request(const request& req) const {
  // Starlette matches the percent-decoded path; the query never takes part.
  const std::string path = percent_decode(req.path);
  if (const route* r = find(path)) {
    for (const auto& [method, h] : r->methods) {
      if (method == req.method) return invoke(h, req);
    }
    response res = detail_response(405, "Method Not Allowed");
    res.headers.push_back({"allow", r->allow});
    return {std::move(res)};
  }
  if (path != "/") {
    const std::string alternative = slash_alternative(path);
    if (find(alternative) != nullptr) return {redirect(req, alternative)};
  }
  return {detail_response(404, "Not Found")};
}

router::routed router::invoke(const handler& h, const request& req) const {
  try {
    if (guard_) {
      if (auto denied = guard_(req)) return {std::move(*denied)};
    }
    response res = h(req);
    if (res.status >= 100 && res.status <= 599) return {std::move(res)};
    log::error("handler for " + req.method + " " + req.path + " returned status " +
               std::to_string(res.status));
  } catch (const std::exception& e) {
    log::error("handler for " + req.method + " " + req.path + " threw: " + e.what());
  } catch (...) {
    log::error("handler for " + req.method + " " + req.path + " threw a non-exception");
  }
  return {internal_server_error(), true};
}

const router::route* router::find(const std::string& path) const {
  const auto it = routes_.find(path);
  return it == routes_.end() ? nullptr : &it->second;
}

}  // namespace smistat::http
