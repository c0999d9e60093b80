#pragma once
// An asynchronous HTTP/1.1 GET for polling other servers (the nvgpu master's agents): Beast over
// a tcp_stream, one connection per fetch, a deadline on each phase, never blocking a thread.
// https:// is verified as Python's requests verifies it (nvgpu's master): against the system's
// CA store (OpenSSL's default paths; SSL_CERT_FILE / SSL_CERT_DIR name others) and the URL's
// host name or address.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace smistat::http {

/** Why a fetch produced no response. The phases are kept apart because callers report them
 *  differently (nvgpu: "Host not available" versus "Connection timeout"). */
enum class fetch_failure {
  none,         ///< a complete response arrived (any status)
  bad_url,      ///< not an absolute http(s) URL with a host
  unreachable,  ///< name lookup or connect failed or passed its deadline
  tls_failed,   ///< the TLS handshake failed: an untrusted certificate, a wrong name, no TLS
  timed_out,    ///< connected, but the response did not arrive within its deadline
  broken,       ///< the connection failed mid-exchange or the response was malformed
  too_large,    ///< the body passed fetch_options::body_limit
};

/** The outcome of one fetch. */
struct fetch_result {
  fetch_failure failure = fetch_failure::none;
  unsigned status = 0;  ///< the response's status code; 0 on failure
  std::string reason;   ///< the reason phrase as the server sent it
  std::string body;
  std::string detail;  ///< what went wrong, for logs; empty on success
};

/** Deadlines and limits of one fetch. */
struct fetch_options {
  /** Name lookup plus connect. */
  std::chrono::steady_clock::duration connect_timeout = std::chrono::seconds(5);
  /** Sending the request and reading the whole response, once connected. */
  std::chrono::steady_clock::duration read_timeout = std::chrono::seconds(5);
  std::size_t body_limit = 8 * 1024 * 1024;
};

/** Called once with the outcome, on a thread of the fetch's executor. */
using fetch_handler = std::function<void(fetch_result)>;

/** GETs `url`; `done` is called exactly once (also for a bad URL, never inline). */
void async_fetch(boost::asio::any_io_executor executor, std::string_view url,
                 const fetch_options& options, fetch_handler done);

}  // namespace smistat::http
