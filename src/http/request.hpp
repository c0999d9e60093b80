#pragma once
// The request as the router sees it: plain data, no Beast types, so routing is testable without
// I/O.

#include <optional>
#include <string>

namespace smistat::http {

/** One parsed HTTP request, reduced to what routes and middleware look at. */
struct request {
  std::string method = "GET";  ///< as sent, case-sensitive ("GET", "OPTIONS", ...)
  std::string path = "/";      ///< the target's path, still percent-encoded
  std::string query;           ///< the target after '?', without the '?'; may be empty
  std::string host;            ///< Host header; empty when absent
  /** Where the server was reached ("127.0.0.1:8000"); used for redirects when Host is absent. */
  std::string server_authority;
  std::optional<std::string> origin;
  bool has_cookie = false;
  std::optional<std::string> access_control_request_method;
  std::optional<std::string> access_control_request_headers;
  std::optional<std::string> x_api_key;
  std::string accept;
  std::string if_none_match;  ///< as sent; empty when absent (static pages answer 304)
};

}  // namespace smistat::http
