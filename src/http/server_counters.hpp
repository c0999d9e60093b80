#pragma once
// The HTTP server's live counters: the set declared once in src/common/server_counter_set.hpp,
// as atomics updated from any thread, and read out as server_stats.

#include <atomic>
#include <cstdint>

#include "src/common/server_counter_set.hpp"

namespace smistat::http {

using smistat::server_counter_members;
using smistat::server_counter_set;
using smistat::server_stats;

/** The live counters behind server_stats; updated from any thread. */
struct server_counters : server_counter_set<std::atomic<std::uint64_t>> {
  /** Raises stream_queue_peak_bytes to `bytes` when larger. */
  void note_queue_bytes(std::uint64_t bytes) noexcept;

  /** Reads every counter (each relaxed; the set is not one atomic snapshot). */
  server_stats snapshot() const noexcept;
};

}  // namespace smistat::http
