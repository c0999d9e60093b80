#include "src/collect/host_demand.hpp"

#include <algorithm>

namespace smistat::collect {
namespace {

/** Marks closer together than this are one: every request of a busy client would otherwise
 *  write the same cache line from every HTTP thread. */
constexpr host_demand::clock::duration mark_resolution = std::chrono::seconds(1);

}  // namespace

void host_demand::mark(clock::time_point now) noexcept {
  const clock::rep at = now.time_since_epoch().count();
  const clock::rep last = last_marked_.load(std::memory_order_relaxed);
  // An earlier time (another thread read the clock first) never moves the mark back.
  if (last != clock::duration::min().count() && at - last < mark_resolution.count()) return;
  last_marked_.store(at, std::memory_order_relaxed);
}

host_demand::clock::duration host_demand::interval_at(clock::time_point now,
                                                      clock::duration own) const noexcept {
  const clock::rep last = last_marked_.load(std::memory_order_relaxed);
  const bool watched = last != clock::duration::min().count() &&
                       now.time_since_epoch().count() - last < window.count();
  return watched ? own : std::max(own, idle_interval);
}

}  // namespace smistat::collect
