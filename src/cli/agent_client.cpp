#include "src/cli/agent_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/url/parse.hpp>
#include <stdexcept>

#include "src/contracts/nvgpu/nvgpu_agent_reader.hpp"
#include "src/http/client.hpp"

namespace smistat::cli {
namespace {

std::runtime_error invalid_server(const std::string& url) {
  return std::runtime_error("invalid --server \"" + url +
                            "\": expected http://HOST[:PORT] or https://HOST[:PORT]");
}

/** `<url>/gpu_status`, whatever number of slashes the URL ends with; throws for a URL that is
 *  not http(s) with a host. */
std::string gpu_status_url(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https") ||
      parsed->host().empty())
    throw invalid_server(url);
  std::string path(parsed->encoded_path());
  while (!path.empty() && path.back() == '/') path.pop_back();
  return std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port()) +
         path + "/gpu_status";
}

/** The body of a 200 answer to a GET of `url`; throws with one line otherwise. */
std::string get(const std::string& url, std::chrono::milliseconds timeout) {
  http::fetch_options options;
  options.connect_timeout = timeout;
  options.read_timeout = timeout;
  // The server's own client, run to completion on a private io_context: the same deadlines,
  // body limit and certificate checks as the nvgpu master's polls of its agents.
  boost::asio::io_context io;
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
  return parse_agent_report(get(gpu_status_url(url), timeout));
}

}  // namespace smistat::cli
