#pragma once
// The runs in flight, so cancel_all can reach them from any thread.

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace smistat::runner::detail {

class run_operation;

/** Thread-safe set of live runs; runs remove themselves when they complete. */
class run_registry {
 public:
  /** Adds `run` and returns the id it must later pass to remove(). */
  std::uint64_t add(const std::shared_ptr<run_operation>& run);
  /** Forgets a completed run. */
  void remove(std::uint64_t id);
  /** The runs still alive, kept alive by the returned pointers. */
  std::vector<std::shared_ptr<run_operation>> live() const;
  /** How many runs are registered. */
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 0;
  std::unordered_map<std::uint64_t, std::weak_ptr<run_operation>> runs_;
};

}  // namespace smistat::runner::detail
