#pragma once
// Holds the current snapshot for readers on any thread, and notifies
// subscribers and first-sample waiters on every publish.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::collect {

/** Called on the publishing thread for every published generation; must be short. */
using snapshot_listener = std::function<void(const snapshot_ptr&)>;

/** Completion of a wait: `ec` is `asio::error::timed_out` when the deadline passed first (the
 *  snapshot is then the current one, which does not meet the condition). */
using snapshot_wait_handler = std::function<void(boost::system::error_code ec, snapshot_ptr)>;

/** What a wait waits for; called under the store's lock, so it must only read the snapshot. */
using snapshot_condition = bool (*)(const snapshot&) noexcept;

class snapshot_store {
 public:
  /** Starts with generation 0: no data, no collection attempted. */
  explicit snapshot_store(snapshot initial = {});
  ~snapshot_store();
  snapshot_store(const snapshot_store&) = delete;
  snapshot_store& operator=(const snapshot_store&) = delete;

  /** The current generation; never null, never blocks on collection. */
  snapshot_ptr current() const noexcept;

  /** Stamps the next generation number on `next`, makes it current and notifies listeners and
   *  waiters. Returns what was published. */
  snapshot_ptr publish(snapshot next);

  /** Registers a listener; the id unsubscribes it. A publish racing with unsubscribe may
   *  still call the listener once. */
  std::uint64_t subscribe(snapshot_listener listener);
  void unsubscribe(std::uint64_t id);

  /** Completes on `executor` with the first published snapshot that meets `ready` (at once
   *  when the current one does), or with timed_out after `timeout`. The store must outlive the
   *  wait. */
  void async_wait_until(boost::asio::any_io_executor executor,
                        std::chrono::steady_clock::duration timeout, snapshot_condition ready,
                        snapshot_wait_handler handler);

  /** async_wait_until a collection has finished (data or error). */
  void async_wait_first(boost::asio::any_io_executor executor,
                        std::chrono::steady_clock::duration timeout,
                        snapshot_wait_handler handler) {
    async_wait_until(std::move(executor), timeout, &has_collected, std::move(handler));
  }

  /** For shutdown: completes every pending wait now with operation_aborted and the
   *  current snapshot, and every later one at once. A waiter's timer lasts as long as a run may
   *  (minutes), and would otherwise keep the collection thread, and the exit, waiting for it. */
  void release_waiters();

 private:
  struct waiter;
  void notify(const snapshot_ptr& published);

  std::atomic<snapshot_ptr> current_;
  std::atomic<std::uint64_t> next_generation_;
  mutable std::mutex mutex_;  // guards everything below; never held while calling out
  std::vector<std::pair<std::uint64_t, std::shared_ptr<snapshot_listener>>> listeners_;
  std::uint64_t next_listener_id_ = 1;
  std::vector<std::shared_ptr<waiter>> waiters_;
  bool released_ = false;  ///< release_waiters() was called: nothing waits any more
};

}  // namespace smistat::collect
