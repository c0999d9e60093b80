#pragma once
// Knobs and counters of the HTTP server. Plain data so config wiring and tests fill them freely.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

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

/** A snapshot of the server's counters (for tests and exporter self-metrics). */
struct server_stats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t accept_backoffs = 0;  ///< accept errors answered with a timed pause
  std::uint64_t requests = 0;         ///< requests routed
  std::uint64_t rejected = 0;         ///< 400/413/431 written for unreadable requests
  std::uint64_t tls_handshake_failures = 0;
  std::uint64_t unauthorized = 0;  ///< 401 for missing or wrong basic-auth credentials
  std::uint64_t read_timeouts = 0;
  std::uint64_t write_timeouts = 0;
  std::uint64_t streams_opened = 0;
  std::uint64_t streams_active = 0;      ///< open now
  std::uint64_t streams_refused = 0;     ///< 503 because max_streams were open
  std::uint64_t stream_disconnects = 0;  ///< streams ended because the client went away
  std::uint64_t stream_frames_sent = 0;
  std::uint64_t stream_frames_dropped = 0;    ///< discarded because a client lagged
  std::uint64_t stream_queue_peak_bytes = 0;  ///< the most any one stream ever had queued
};

/** The live counters behind server_stats; updated from any thread. */
struct server_counters {
  std::atomic<std::uint64_t> connections_accepted{0};
  std::atomic<std::uint64_t> accept_backoffs{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<std::uint64_t> tls_handshake_failures{0};
  std::atomic<std::uint64_t> unauthorized{0};
  std::atomic<std::uint64_t> read_timeouts{0};
  std::atomic<std::uint64_t> write_timeouts{0};
  std::atomic<std::uint64_t> streams_opened{0};
  std::atomic<std::uint64_t> streams_active{0};
  std::atomic<std::uint64_t> streams_refused{0};
  std::atomic<std::uint64_t> stream_disconnects{0};
  std::atomic<std::uint64_t> stream_frames_sent{0};
  std::atomic<std::uint64_t> stream_frames_dropped{0};
  std::atomic<std::uint64_t> stream_queue_peak_bytes{0};

  /** Raises stream_queue_peak_bytes to `bytes` when larger. */
  void note_queue_bytes(std::uint64_t bytes) noexcept;

  /** Reads every counter (each relaxed; the set is not one atomic snapshot). */
  server_stats snapshot() const noexcept;
};

}  // namespace smistat::http
