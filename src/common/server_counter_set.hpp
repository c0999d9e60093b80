#pragma once
// The HTTP server's counters, each declared once for both sides of the wall between the server
// and the renderers: src/http keeps them as atomics and copies them out as server_stats, which
// /metrics renders (src/contracts/prometheus/metrics_self.hpp publishes a row per family).
// Adding a counter is its member here and in server_counter_members (a static_assert fails when
// one is left out), then the line that counts it; publishing it, one row in metrics_self.hpp.

#include <array>
#include <cstdint>

namespace smistat {

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

}  // namespace smistat
