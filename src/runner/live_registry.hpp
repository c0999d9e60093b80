#pragma once
// The operations in flight (runs or streams), so cancel_all can reach them from any thread.

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace smistat::runner::detail {

/** Thread-safe set of live operations; each removes itself when it completes. */
template <class Operation>
class live_registry {
 public:
  /** Adds `op` and returns the id it must later pass to remove(). */
  std::uint64_t add(const std::shared_ptr<Operation>& op) {
    const std::lock_guard lock(mutex_);
    const auto id = next_id_++;
    ops_.emplace(id, op);
    return id;
  }
  /** Forgets a completed operation. */
  void remove(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    ops_.erase(id);
  }
  /** The operations still alive, kept alive by the returned pointers. */
  std::vector<std::shared_ptr<Operation>> live() const {
    std::vector<std::shared_ptr<Operation>> out;
    const std::lock_guard lock(mutex_);
    out.reserve(ops_.size());
    for (const auto& [id, weak] : ops_) {
      if (auto op = weak.lock()) out.push_back(std::move(op));
    }
    return out;
  }
  /** How many operations are registered. */
  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return ops_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 0;
  std::unordered_map<std::uint64_t, std::weak_ptr<Operation>> ops_;
};

}  // namespace smistat::runner::detail
