#include "src/http/server_state.hpp"

namespace smistat::http {

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
