#pragma once
// The `nvidia-smi -q` details as a part of the snapshot. They only add PCIe throughput, so they
// run on a slow cadence of their own (or never), and a failure keeps the previous values with
// their age. In loop mode they can come from a long-lived child instead (details_stream),
// looked at with each sample.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "parsers/query_details.hpp"
#include "src/collect/cadence.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/details_stream.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/strand_run.hpp"
#include "src/common/shared_list.hpp"

namespace smistat::collect {

class details_part {
 public:
  using clock = std::chrono::steady_clock;

  /** Every argument must outlive the part. */
  details_part(const collect_strand& strand, runner::async_runner& runner,
               const collector_options& options);

  /** Turned on (a details interval above 0) and, unless streamed, not in flight and its
   *  interval has passed. A stream is looked at with every sample. */
  bool due(clock::time_point now) const noexcept;
  /** From now on the details come from a long-lived child that `launcher` starts (loop mode). */
  void stream_with(runner::stream_launcher& launcher);
  /** Starts a run; `done` runs on the strand once its values are taken (never after stop).
   *  Its captures keep the part's owner alive. A stream's news is taken at once instead, to
   *  ride along with the sample being published, and `done` is not called. Runs start beside
   *  the stream, on the cadence, only while it has given no details for two intervals. */
  void start(std::function<void()> done);
  /** Puts the details and their health into `s`. */
  void fill(snapshot& s) const;
  /** No run reports afterwards; the streaming child ends. */
  void stop();

 private:
  void on_result(const runner::run_result& r, const run_start& started);
  void take(details_outcome outcome, wall_clock::time_point attempt, double duration_seconds);

  collect_strand strand_;
  runner::async_runner& runner_;
  const collector_options& options_;
  cadence cadence_;
  std::shared_ptr<details_stream> stream_;
  common::shared_list<parsers::gpu_details> details_;
  part_health health_;
  std::optional<clock::time_point> streamed_at_;  ///< when the stream last gave details
  bool stopped_ = false;
};

}  // namespace smistat::collect
