#pragma once
// A tiny HTTP server for tests that need another server to talk to (the nvgpu master's agents):
// each path answers a fixed status and body, or holds the request without ever answering.
// Runs on its own thread; the destructor closes every connection and joins it.

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace smistat::test {

/** What one path answers. */
struct canned_reply {
  unsigned status = 200;
  std::string body;
  bool hold = false;  ///< read the request, then never answer (a hung agent)
};

class canned_http_server {
 public:
  /** Listens on 127.0.0.1 with a kernel-chosen port; unknown paths answer 404. */
  explicit canned_http_server(std::map<std::string, canned_reply> replies);
  ~canned_http_server();
  canned_http_server(const canned_http_server&) = delete;
  canned_http_server& operator=(const canned_http_server&) = delete;

  unsigned short port() const noexcept { return port_; }
  /** `http://127.0.0.1:<port>`. */
  std::string base_url() const;
  /** Requests read so far (held ones included). */
  std::size_t requests() const noexcept { return requests_->load(); }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  unsigned short port_ = 0;
  std::shared_ptr<std::atomic<std::size_t>> requests_;
  std::thread thread_;
};

/** A port on 127.0.0.1 where nothing listens (bound once by the kernel, then closed). */
unsigned short unused_port();

}  // namespace smistat::test
