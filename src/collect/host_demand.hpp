#pragma once
// Whether anyone looks at the host's figures. Only the GPU Metrics API (`/gpu`, its event
// stream) and the Fleet Manager's `/api/v1/metrics` show them; Prometheus and the other
// contracts never do. Reading /proc and /sys every second for nobody is most of what a quiet
// node pays for smistat, so the host part reads at its own cadence only while those answers are
// asked for, and now and then otherwise: the first answer after a quiet spell shows figures at
// most `idle_interval` old (with their age in /health), and the readings after it are fresh.
// CPU percentages then cover the time since the reading before, as psutil.cpu_percent() does
// between two calls.

#include <atomic>
#include <chrono>

namespace smistat::collect {

class host_demand {
 public:
  using clock = std::chrono::steady_clock;

  /** How long after an answer showed the host it is read at its own cadence. */
  static constexpr clock::duration window = std::chrono::seconds(60);
  /** How often it is read while nobody looks: a reading costs as much as many GPU samples. */
  static constexpr clock::duration idle_interval = std::chrono::seconds(30);

  /** An answer showing the host's figures is on its way (any thread; lock-free). */
  void mark(clock::time_point now = clock::now()) noexcept;

  /** The interval between readings at `now` for a part whose own interval is `own`. */
  clock::duration interval_at(clock::time_point now, clock::duration own) const noexcept;

 private:
  /** Nanoseconds on the steady clock of the last mark; the lowest value: never marked. */
  std::atomic<clock::rep> last_marked_{clock::duration::min().count()};
};

}  // namespace smistat::collect
