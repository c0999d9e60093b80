#include "src/http/request_checks.hpp"

#include <iterator>

namespace smistat::http {

std::optional<request_problem> request_problem_of(
    const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto& req = parser.get();
  if (req.version() != 10 && req.version() != 11)
    return request_problem{505, "HTTP Version Not Supported"};
  if (req.version() == 11) {
    const auto hosts = req.equal_range(bhttp::field::host);
    if (std::distance(hosts.first, hosts.second) != 1)
      return request_problem{400, "Invalid HTTP request received."};
  }
  if (req.find(bhttp::field::transfer_encoding) != req.end() &&
      (req.version() == 10 || !parser.chunked()))
    return request_problem{400, "Invalid HTTP request received."};
  return std::nullopt;
}

}  // namespace smistat::http
