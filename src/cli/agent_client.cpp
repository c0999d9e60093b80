#include "src/cli/agent_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>
#include <stdexcept>

namespace smistat::cli {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = boost::asio::ip::tcp;

struct endpoint {
  std::string host, port, target;
};

endpoint endpoint_of(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty())
    throw std::runtime_error("invalid --server \"" + url + "\": expected http://HOST[:PORT]");
  endpoint e{parsed->host(), parsed->has_port() ? std::string(parsed->port()) : "80",
             std::string(parsed->encoded_path())};
  while (!e.target.empty() && e.target.back() == '/') e.target.pop_back();
  e.target += "/gpu_status";
  return e;
}

std::string get(const endpoint& e, std::chrono::milliseconds timeout) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  // One deadline for each step: resolving and connecting, writing, reading.
  stream.expires_after(timeout);
  stream.connect(tcp::resolver(io).resolve(e.host, e.port));
  http::request<http::empty_body> req{http::verb::get, e.target, 11};
  req.set(http::field::host, e.host);
  req.set(http::field::connection, "close");
  stream.expires_after(timeout);
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  stream.expires_after(timeout);
  http::read(stream, buffer, res);
  if (res.result_int() != 200)
    throw std::runtime_error("bad response (" + std::to_string(res.result_int()) + " " +
                             std::string(res.reason()) + ")");
  return std::move(res.body());
}

std::optional<std::string> text_or_null(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<std::int64_t> integer_or_null(const json::value* v) {
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  return std::nullopt;
}

render::nvgpu_device device_of(const json::value& v) {
  if (!v.is_object()) throw std::runtime_error("a GPU entry is not an object");
  const auto& o = v.get_object();
  render::nvgpu_device d;
  d.type = text_or_null(o, "type");
  const auto* available = o.if_contains("is_available");
  d.is_available = available && available->is_bool() && available->get_bool();
  d.pids = text_or_null(o, "pids").value_or("");
  d.users = text_or_null(o, "users").value_or("");
  d.running_since = text_or_null(o, "running_since");
  d.utilization = integer_or_null(o.if_contains("utilization"));
  d.clock_mhz = integer_or_null(o.if_contains("clock_mhz"));
  d.temperature = integer_or_null(o.if_contains("temperature"));
  d.cmd = text_or_null(o, "cmd");
  if (const auto* m = o.if_contains("memory"); m && m->is_object()) {
    const auto& mo = m->get_object();
    const auto total = integer_or_null(mo.if_contains("total"));
    const auto free = integer_or_null(mo.if_contains("free"));
    const auto used = integer_or_null(mo.if_contains("used"));
    if (total && free && used) d.memory = render::nvgpu_memory{*total, *free, *used};
  }
  return d;
}

}  // namespace

agent_report parse_agent_report(const std::string& body) {
  boost::system::error_code ec;
  const auto v = json::parse(body, ec);
  if (ec || !v.is_object()) throw std::runtime_error("the answer is not the agent JSON");
  const auto& o = v.get_object();
  const auto* gpus = o.if_contains("gpus");
  if (!gpus || !gpus->is_array()) throw std::runtime_error("the answer has no \"gpus\" list");
  agent_report report;
  report.hostname = text_or_null(o, "hostname").value_or("");
  for (const auto& g : gpus->get_array()) report.devices.push_back(device_of(g));
  report.body = body;
  return report;
}

agent_report fetch_agent_report(const std::string& url, std::chrono::milliseconds timeout) {
  const auto e = endpoint_of(url);
  std::string body;
  try {
    body = get(e, timeout);
  } catch (const boost::system::system_error& err) {
    throw std::runtime_error("cannot read http://" + e.host + ":" + e.port + e.target + ": " +
                             err.code().message());
  }
  return parse_agent_report(body);
}

}  // namespace smistat::cli
