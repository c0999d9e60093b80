#pragma once
// Groups the rows of a streamed `nvidia-smi --query-compute-apps=... -lms N` child into the
// process list of its latest batch. Such a child prints the rows of every running process once
// per interval and nothing at all when none runs, so no line marks where a batch ends:
//   - a row starts a new batch when the previous row came more than half an interval before it,
//     or when its (GPU, pid) pair is already in the batch (two batches read in one chunk);
//   - a child that printed nothing for the stale time (two intervals and a second) shows no
//     process. Whether that silence is an empty list or a stuck child is the caller's to judge
//     (apps_stream asks the kernel whether the child still wakes).
// Pure: the caller passes the time, so tests can play any timing.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smistat::collect {

class app_rows_tracker {
 public:
  using clock = std::chrono::steady_clock;

  explicit app_rows_tracker(clock::duration interval);

  /** A new child started at `now`: nothing printed yet. */
  void restart(clock::time_point now);
  /** Bytes the child printed, read at `now`. */
  void feed(std::string_view bytes, clock::time_point now);
  /** The rows of the latest batch at `now` (CSV lines, each ending in '\n'; empty once the
   *  child has been silent for the stale time), or nullopt while that cannot be told yet (a
   *  young child that printed nothing). Valid until the next feed() or restart(). */
  std::optional<std::string_view> rows(clock::time_point now) const;
  /** How long a child may print nothing before rows() shows no process. */
  clock::duration stale_after() const noexcept { return stale_after_; }

 private:
  void take_line(std::string_view line, clock::time_point now);
  /** Whether a row of the batch being read has the (GPU, pid) key `key`. */
  bool batch_has(std::string_view key) const;

  clock::duration new_batch_gap_;
  clock::duration stale_after_;
  std::string partial_;  ///< a line not yet ended by '\n'
  std::string batch_;    ///< the rows of the batch being read (the latest one)
  /// Where each row's (GPU, pid) key lies in batch_ (start, length). A few rows a batch, so a
  /// look along them is cheaper than a set of copied keys.
  std::vector<std::pair<std::size_t, std::size_t>> batch_keys_;
  std::optional<clock::time_point> started_;
  std::optional<clock::time_point> last_row_;
};

}  // namespace smistat::collect
