#include "src/http/server_state.hpp"

namespace smistat::http {

server_stats server_counters::snapshot() const noexcept {
  constexpr auto relaxed = std::memory_order_relaxed;
  server_stats s;
  s.connections_accepted = connections_accepted.load(relaxed);
  s.accept_backoffs = accept_backoffs.load(relaxed);
  s.requests = requests.load(relaxed);
  s.rejected = rejected.load(relaxed);
  s.tls_handshake_failures = tls_handshake_failures.load(relaxed);
  s.unauthorized = unauthorized.load(relaxed);
  s.read_timeouts = read_timeouts.load(relaxed);
  s.write_timeouts = write_timeouts.load(relaxed);
  s.streams_opened = streams_opened.load(relaxed);
  s.streams_active = streams_active.load(relaxed);
  s.streams_refused = streams_refused.load(relaxed);
  s.stream_disconnects = stream_disconnects.load(relaxed);
  s.stream_frames_sent = stream_frames_sent.load(relaxed);
  s.stream_frames_dropped = stream_frames_dropped.load(relaxed);
  s.stream_queue_peak_bytes = stream_queue_peak_bytes.load(relaxed);
  return s;
}

void server_counters::note_queue_bytes(std::uint64_t bytes) noexcept {
  auto peak = stream_queue_peak_bytes.load(std::memory_order_relaxed);
  while (bytes > peak &&
         !stream_queue_peak_bytes.compare_exchange_weak(peak, bytes, std::memory_order_relaxed)) {
  }
}

server_state::server_state(server_options options, std::shared_ptr<const router> routes)
    : options_(std::move(options)),
      routes_(std::move(routes)),
      web_(std::make_shared<const web_settings>()) {}

std::uint64_t server_state::enroll(std::weak_ptr<connection> c) {
  std::lock_guard lock(mutex_);
  // Checked under the lock so a connection enrolled concurrently with stop() is never missed.
  if (stopping()) return 0;
  const std::uint64_t id = next_id_++;
  connections_.emplace(id, std::move(c));
  return id;
}

void server_state::withdraw(std::uint64_t id) noexcept {
  if (id == 0) return;
  std::lock_guard lock(mutex_);
  connections_.erase(id);
}

std::vector<std::shared_ptr<connection>> server_state::begin_stop() {
  std::lock_guard lock(mutex_);
  stopping_.store(true, std::memory_order_release);
  std::vector<std::shared_ptr<connection>> live;
  live.reserve(connections_.size());
  for (const auto& [id, weak] : connections_) {
    if (auto c = weak.lock()) live.push_back(std::move(c));
  }
  return live;
}

bool server_state::claim_stream_slot() noexcept {
  const auto open = counters_.streams_active.fetch_add(1, std::memory_order_relaxed);
  if (open >= options_.max_streams) {
    counters_.streams_active.fetch_sub(1, std::memory_order_relaxed);
    counters_.streams_refused.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  counters_.streams_opened.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void server_state::release_stream_slot() noexcept {
  counters_.streams_active.fetch_sub(1, std::memory_order_relaxed);
}

std::shared_ptr<const web_settings> server_state::web() const {
  std::lock_guard lock(web_mutex_);
  return web_;
}

void server_state::set_web(std::shared_ptr<const web_settings> settings) {
  if (!settings) settings = std::make_shared<const web_settings>();
  std::lock_guard lock(web_mutex_);
  web_ = std::move(settings);
}

}  // namespace smistat::http
