#include "src/http/server_counters.hpp"

#include <cstddef>

namespace smistat::http {

void server_counters::note_queue_bytes(std::uint64_t bytes) noexcept {
  auto peak = stream_queue_peak_bytes.load(std::memory_order_relaxed);
  while (bytes > peak &&
         !stream_queue_peak_bytes.compare_exchange_weak(peak, bytes, std::memory_order_relaxed)) {
  }
}

server_stats server_counters::snapshot() const noexcept {
  constexpr auto& live = server_counter_members<std::atomic<std::uint64_t>>;
  constexpr auto& copy = server_counter_members<std::uint64_t>;
  server_stats s;
  for (std::size_t i = 0; i < live.size(); ++i)
    s.*copy[i] = (this->*live[i]).load(std::memory_order_relaxed);
  return s;
}

}  // namespace smistat::http
