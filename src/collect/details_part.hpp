#pragma once
// The `nvidia-smi -q` details as a part of the snapshot. They only add PCIe throughput, so they
// run on a slow cadence of their own (or never), and a failure keeps the previous values with
// their age.

#include <chrono>
#include <functional>
#include <vector>

#include "parsers/query_details.hpp"
#include "src/collect/cadence.hpp"
#include "src/collect/collector_options.hpp"
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

  /** Turned on (a details interval above 0), not in flight, and its interval has passed. */
  bool due(clock::time_point now) const noexcept;
  /** Starts a run; `done` runs on the strand once its values are taken (never after stop).
   *  Its captures keep the part's owner alive. */
  void start(std::function<void()> done);
  /** Puts the details and their health into `s`. */
  void fill(snapshot& s) const;
  /** No run reports afterwards. */
  void stop() noexcept { stopped_ = true; }

 private:
  void on_result(const runner::run_result& r, const run_start& started);

  collect_strand strand_;
  runner::async_runner& runner_;
  const collector_options& options_;
  cadence cadence_;
  common::shared_list<parsers::gpu_details> details_;
  part_health health_;
  bool stopped_ = false;
};

}  // namespace smistat::collect
