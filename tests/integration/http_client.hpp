#pragma once
// A tiny blocking HTTP/1.1 client for end-to-end tests (Beast, one request per call or several
// on one kept-alive connection).

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace smistat::test {

struct http_reply {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;
  bool keep_alive = false;
};

/** GET (or another method) `target` on 127.0.0.1:port; throws on connection errors. */
http_reply http_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers = {});
inline http_reply http_get(unsigned short port, const std::string& target) {
  return http_request(port, "GET", target);
}

/** Sends raw bytes and returns everything read until the server closes or `timeout` passes. */
std::string raw_exchange(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::seconds(3));

}  // namespace smistat::test
