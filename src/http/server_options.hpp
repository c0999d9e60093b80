#pragma once
// Knobs of the HTTP server. Plain data so config wiring and tests fill them freely. The counters
// come with them (server_stats is what the server's users read beside its options).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "src/http/server_counters.hpp"

namespace smistat::http {

/** Where to listen and the limits every connection is held to. */
struct server_options {
  std::string address = "0.0.0.0";
  std::uint16_t port = 8000;  ///< 0 picks a free port; see server::port()
  /** Per read: a whole request must arrive in this time, and an idle keep-alive ends after it. */
  std::chrono::milliseconds read_timeout{30'000};
  /** The most a TLS handshake may take, so a client that connects and stays silent does not
   *  hold a connection. */
  std::chrono::milliseconds handshake_timeout{10'000};
  /** Per response write. */
  std::chrono::milliseconds write_timeout{30'000};
  std::size_t max_header_bytes = 16 * 1024;  ///< larger headers get 431 and a close
  std::size_t max_body_bytes = 64 * 1024;    ///< larger bodies get 413 and a close
  /** Pause before accepting again after running out of descriptors (EMFILE/ENFILE). */
  std::chrono::milliseconds accept_backoff{100};
  /** After an error response, how long unread request bytes are drained before closing, so the
   *  client reads the response instead of a connection reset. */
  std::chrono::milliseconds linger_timeout{500};
  /** During stop(), the most an answer still awaited from an asynchronous route may take to
   *  come, and then the most a response still being written may take. */
  std::chrono::milliseconds stop_write_timeout{500};
  bool access_log = false;  ///< one info line per request
  /** Open streams beyond this get 503; each holds a connection and a small queue. */
  std::size_t max_streams = 1000;
  /** Per stream: frames queued for a client that lags; older ones are dropped beyond it. */
  std::size_t stream_queue_frames = 8;
  /** Per stream: bytes queued for a client that lags (a single larger frame is still sent). */
  std::size_t stream_queue_bytes = 4 * 1024 * 1024;
};

}  // namespace smistat::http
