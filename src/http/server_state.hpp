#pragma once
// What the listener and every session share: options, router, counters and the set of live
// sessions that stop() has to reach.

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "src/http/router.hpp"
#include "src/http/server_options.hpp"

namespace smistat::http {

class session;

/** Shared by the listener and sessions; outlives the server object while connections drain. */
class server_state {
 public:
  server_state(server_options options, std::shared_ptr<const router> routes);

  /** The options the server was started with. */
  const server_options& options() const noexcept { return options_; }
  /** The routing table (immutable once serving). */
  const router& routes() const noexcept { return *routes_; }
  /** Counters, updated from any thread. */
  server_counters& counters() noexcept { return counters_; }
  const server_counters& counters() const noexcept { return counters_; }

  /** True once stop() began; new connections and new requests are refused from then on. */
  bool stopping() const noexcept { return stopping_.load(std::memory_order_acquire); }

  /** Registers a live session and returns its id, or 0 when stopping (close it at once). */
  std::uint64_t enroll(std::weak_ptr<session> s);
  /** Forgets a session (called from its destructor). */
  void withdraw(std::uint64_t id) noexcept;
  /** Marks the state stopping and returns the sessions still alive. */
  std::vector<std::shared_ptr<session>> begin_stop();

 private:
  server_options options_;
  std::shared_ptr<const router> routes_;
  server_counters counters_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::uint64_t, std::weak_ptr<session>> sessions_;
};

}  // namespace smistat::http
