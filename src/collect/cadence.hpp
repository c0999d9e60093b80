#pragma once
// One part's schedule: at most one run in flight, and a new run only once its interval has
// passed since the last one started. Start-to-start, so a slow run is followed at once by the
// next instead of drifting by its own duration.

#include <chrono>
#include <optional>

namespace smistat::collect {

class cadence {
 public:
  using clock = std::chrono::steady_clock;

  /** A zero or negative interval means "whenever asked" (still one run at a time). */
  explicit cadence(std::chrono::duration<double> interval)
      : interval_(std::chrono::duration_cast<clock::duration>(interval)) {}

  /** Not in flight, and never started or started at least one interval before `now`. */
  bool due(clock::time_point now) const noexcept {
    return !in_flight_ && (!last_start_ || now - *last_start_ >= interval_);
  }
  /** When the next run may start; `now` when it already may (or nothing ever ran). */
  clock::time_point next_due(clock::time_point now) const noexcept {
    if (!last_start_ || now - *last_start_ >= interval_) return now;
    return *last_start_ + interval_;
  }
  void started(clock::time_point now) noexcept {
    in_flight_ = true;
    last_start_ = now;
  }
  void finished() noexcept { in_flight_ = false; }
  bool in_flight() const noexcept { return in_flight_; }
  std::optional<clock::time_point> last_start() const noexcept { return last_start_; }
  clock::duration interval() const noexcept { return interval_; }

 private:
  clock::duration interval_;
  std::optional<clock::time_point> last_start_;
  bool in_flight_ = false;
};

}  // namespace smistat::collect
