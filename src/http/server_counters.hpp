#pragma once
// The HTTP server's counters, each declared once. server_counter_set names them; the server keeps
// them as atomics (server_counters) and hands out copies (server_stats). Adding a counter is its
// member in server_counter_set and in server_counter_members (a static_assert below fails when
// one is left out), then the line that counts it.

#include <array>
#include <atomic>
#include <cstdint>

namespace smistat::http {

/** Every counter of the server, as `Count`: std::atomic<std::uint64_t> in the live set,
 *  std::uint64_t in a copy. */
template <class Count>
struct server_counter_set {
  Count connections_accepted{};
  Count accept_backoffs{};  ///< accept errors answered with a timed pause
  Count requests{};         ///< requests routed
  Count rejected{};         ///< 400/413/431 written for unreadable requests
  Count tls_handshake_failures{};
  Count unauthorized{};  ///< 401 for missing or wrong basic-auth credentials
  Count read_timeouts{};
  Count write_timeouts{};
  Count streams_opened{};
  Count streams_active{};      ///< open now
  Count streams_refused{};     ///< 503 because max_streams were open
  Count stream_disconnects{};  ///< streams ended because the client went away
  Count stream_frames_sent{};
  Count stream_frames_dropped{};    ///< discarded because a client lagged
  Count stream_queue_peak_bytes{};  ///< the most any one stream ever had queued
};

/** Every member of a server_counter_set, so one set is copied into another member by member. */
template <class Count>
inline constexpr std::array server_counter_members{
    &server_counter_set<Count>::connections_accepted,
    &server_counter_set<Count>::accept_backoffs,
    &server_counter_set<Count>::requests,
    &server_counter_set<Count>::rejected,
    &server_counter_set<Count>::tls_handshake_failures,
    &server_counter_set<Count>::unauthorized,
    &server_counter_set<Count>::read_timeouts,
    &server_counter_set<Count>::write_timeouts,
    &server_counter_set<Count>::streams_opened,
    &server_counter_set<Count>::streams_active,
    &server_counter_set<Count>::streams_refused,
    &server_counter_set<Count>::stream_disconnects,
    &server_counter_set<Count>::stream_frames_sent,
    &server_counter_set<Count>::stream_frames_dropped,
    &server_counter_set<Count>::stream_queue_peak_bytes,
};

/** A snapshot of the server's counters (for tests and exporter self-metrics). */
using server_stats = server_counter_set<std::uint64_t>;

static_assert(sizeof(server_stats) ==
                  server_counter_members<std::uint64_t>.size() * sizeof(std::uint64_t),
              "a counter of server_counter_set is missing from server_counter_members");

/** The live counters behind server_stats; updated from any thread. */
struct server_counters : server_counter_set<std::atomic<std::uint64_t>> {
  /** Raises stream_queue_peak_bytes to `bytes` when larger. */
  void note_queue_bytes(std::uint64_t bytes) noexcept;

  /** Reads every counter (each relaxed; the set is not one atomic snapshot). */
  server_stats snapshot() const noexcept;
};

}  // namespace smistat::http
