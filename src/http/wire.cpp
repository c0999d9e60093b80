#include "src/http/wire.hpp"

#include <chrono>
#include <optional>
#include <string>

#include "src/http/http_date.hpp"
#include "src/http/target.hpp"

namespace smistat::http {
namespace {

std::optional<std::string> optional_field(const wire_request& req, bhttp::field name) {
  const auto it = req.find(name);
  if (it == req.end()) return std::nullopt;
  return std::string(it->value());
}

std::optional<std::string> optional_field(const wire_request& req, std::string_view name) {
  const auto it = req.find(name);
  if (it == req.end()) return std::nullopt;
  return std::string(it->value());
}

}  // namespace

request to_request(const wire_request& req, std::string_view server_authority) {
  request out;
  out.method = std::string(req.method_string());
  auto [path, query] = split_target(req.target());
  out.path = std::move(path);
  out.query = std::move(query);
  out.host = std::string(req[bhttp::field::host]);
  out.server_authority = std::string(server_authority);
  out.origin = optional_field(req, bhttp::field::origin);
  out.has_cookie = req.find(bhttp::field::cookie) != req.end();
  out.access_control_request_method =
      optional_field(req, bhttp::field::access_control_request_method);
  out.access_control_request_headers =
      optional_field(req, bhttp::field::access_control_request_headers);
  out.x_api_key = optional_field(req, "x-api-key");
  out.accept = std::string(req[bhttp::field::accept]);
  out.if_none_match = std::string(req[bhttp::field::if_none_match]);
  return out;
}

void to_wire_stream_header(const response& res, unsigned version, wire_stream_header& out) {
  out.version(version);
  out.result(res.status);
  out.set("date", format_http_date(std::chrono::system_clock::now()));
  out.set("server", "smistat");
  for (const auto& h : res.headers) out.insert(h.name, h.value);
  if (!res.content_type.empty()) out.set("content-type", res.content_type);
  if (version >= 11) out.set("transfer-encoding", "chunked");
}

std::string format_endpoint(const tcp::endpoint& ep, bool omit_default_port) {
  const auto address = ep.address();
  std::string text = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  // Starlette leaves out the scheme's default port when it builds a URL from the address.
  if (!(omit_default_port && ep.port() == 80)) text += ":" + std::to_string(ep.port());
  return text;
}

}  // namespace smistat::http
