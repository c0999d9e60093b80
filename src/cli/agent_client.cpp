#include "src/cli/agent_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <stdexcept>

#include "src/contracts/nvgpu/nvgpu_agent_reader.hpp"

namespace smistat::cli {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
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

}  // namespace

agent_report parse_agent_report(const std::string& body) {
  auto read = render::read_nvgpu_agent(body);
  return {std::move(read.hostname), std::move(read.devices), body};
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
