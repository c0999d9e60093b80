#pragma once
// The compute processes as a part of the snapshot: `--query-compute-apps` on its own cadence
// (never more often than the GPU query), with each process's /proc details and, when asked,
// the batch jobs that hold the GPUs. A failed run keeps the last list with its age. In loop
// mode the list can come from a long-lived child instead (apps_stream), read with each sample.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/collect/apps_stream.hpp"
#include "src/collect/cadence.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/strand_run.hpp"
#include "src/common/shared_list.hpp"
#include "src/runner/stream_launcher.hpp"
#include "src/system/system_info.hpp"

namespace smistat::collect {

class processes_part {
 public:
  using clock = std::chrono::steady_clock;

  /** Every argument must outlive the part; `host` null: no /proc details. */
  processes_part(const collect_strand& strand, runner::async_runner& runner,
                 const collector_options& options, system::system_sampler* host);

  bool due(clock::time_point now) const noexcept { return cadence_.due(now); }
  /** From now on the list comes from a long-lived child that `launcher` starts (loop mode). */
  void stream_with(runner::stream_launcher& launcher);
  /** Starts a run; `done` runs on the strand once its list is taken (never after stop). Its
   *  captures keep the part's owner alive. A streamed list is taken at once instead, to ride
   *  along with the sample being published, and `done` is not called; only while the stream
   *  has told nothing yet and no list was ever read does a run start. */
  void start(std::function<void()> done);
  const part_health& health() const noexcept { return health_; }
  /** Puts the list, its processes' details, the jobs and the health into `s`. */
  void fill(snapshot& s) const;
  /** No run reports afterwards; the streaming child ends. */
  void stop();

 private:
  void on_result(const runner::run_result& r, const run_start& started);
  void take(apps_outcome outcome, wall_clock::time_point attempt, double duration_seconds);
  void sample_app_processes();

  collect_strand strand_;
  runner::async_runner& runner_;
  const collector_options& options_;
  system::system_sampler* host_;
  cadence cadence_;
  std::shared_ptr<apps_stream> stream_;
  common::shared_list<parsers::compute_app> apps_;
  common::shared_list<system::process_details> app_processes_;
  std::map<std::string, std::vector<std::string>> hpc_jobs_;
  part_health health_;
  bool stopped_ = false;
};

}  // namespace smistat::collect
