#include "src/cli/agent_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/url/parse.hpp>
#include <stdexcept>

#include "src/http/client.hpp"
#include "src/render/nvgpu_agent_reader.hpp"

namespace smistat::cli {
namespace {

/** `<url>/gpu_status`, with the URL's trailing slashes dropped; throws for anything but an
 *  http URL with a host. */
std::string gpu_status_url_of(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty())
    throw std::runtime_error("invalid --server \"" + url + "\": expected http://HOST[:PORT]");
  std::string path(parsed->encoded_path());
  while (!path.empty() && path.back() == '/') path.pop_back();
  return "http://" + std::string(parsed->encoded_host_and_port()) + path + "/gpu_status";
}

/** The master's client on a private io_context: the command has nothing else to do meanwhile. */
std::string get(const std::string& url, std::chrono::milliseconds timeout) {
  boost::asio::io_context io;
  http::fetch_options options;
  options.connect_timeout = timeout;
  options.read_timeout = timeout;
  http::fetch_result result;
  http::async_fetch(io.get_executor(), url, options,
                    [&result](http::fetch_result r) { result = std::move(r); });
  io.run();
  if (result.failure != http::fetch_failure::none)
    throw std::runtime_error("cannot read " + url + ": " + result.detail);
  if (result.status != 200)
    throw std::runtime_error("bad response (" + std::to_string(result.status) + " " +
                             result.reason + ")");
  return std::move(result.body);
}

}  // namespace

agent_report parse_agent_report(const std::string& body) {
  auto read = render::read_nvgpu_agent(body);
  return {std::move(read.hostname), std::move(read.devices), body};
}

agent_report fetch_agent_report(const std::string& url, std::chrono::milliseconds timeout) {
  return parse_agent_report(get(gpu_status_url_of(url), timeout));
}

}  // namespace smistat::cli
