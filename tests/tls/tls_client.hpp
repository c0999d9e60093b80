#pragma once
// HTTPS requests for end-to-end tests, made by curl (an independent TLS client, so the server is
// not only tested against its own library's client side).

#include <optional>
#include <string>
#include <vector>

namespace smistat::test {

struct https_request {
  std::string target = "/metrics";
  std::optional<std::string> user;  ///< with password: sent as basic auth
  std::string password;
  std::string client_cert;  ///< name under the test certificates; empty: none
  std::string client_key;
  std::vector<std::string> headers;  ///< "Name: value"
};

struct https_reply {
  int curl_exit = -1;   ///< 0 when an answer came; 35, 56, ... when TLS or the connection failed
  unsigned status = 0;  ///< 0 without an answer
  std::string head;     ///< status line and headers, as sent
  std::string body;
};

/** The request against https://127.0.0.1:port, trusting the test CA. */
https_reply https_get(unsigned short port, const https_request& req);

}  // namespace smistat::test
