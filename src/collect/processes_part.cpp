#include "src/collect/processes_part.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>

#include "src/collect/part_health_update.hpp"
#include "src/collect/smi_commands.hpp"
#include "src/collect/smi_results.hpp"
#include "src/system/hpc_job_map.hpp"
#include "src/system/times_scheduled.hpp"

namespace smistat::collect {

processes_part::processes_part(const collect_strand& strand, runner::async_runner& runner,
                               const collector_options& options, system::system_sampler* host)
    : strand_(strand),
      runner_(runner),
      options_(options),
      host_(host),
      // Compute apps never run ahead of the GPU query, so never more often either.
      cadence_(std::max(options.processes_interval, options.refresh_interval)) {}

void processes_part::stream_with(runner::stream_launcher& launcher) {
  stream_ = std::make_shared<apps_stream>(
      strand_, launcher, options_,
      [this](const collection_error& why) {
        // The list served keeps its age; /health counts the ended child as a failed read.
        if (!stopped_) record_part(health_, wall_clock::now(), 0.0, why);
      },
      [reader = std::make_shared<system::times_scheduled_reader>()](int pid) {
        return (*reader)(pid);
      });
  stream_->start();
}

void processes_part::stop() {
  stopped_ = true;
  if (stream_) stream_->stop();
}

void processes_part::start(std::function<void()> done) {
  const auto now = clock::now();
  if (stream_) {
    if (auto latest = stream_->latest(now)) {
      cadence_.started(now);
      cadence_.finished();
      take(std::move(*latest), wall_clock::now(), 0.0);
      return;
    }
    // A young child has told nothing yet: the list served stays, or a run gives the first.
    if (health_.runs_total > 0) return;
  }
  cadence_.started(now);
  run_on_strand(
      strand_, runner_, compute_apps_request(options_),
      [this, done = std::move(done)](const runner::run_result& r, const run_start& started) {
        on_result(r, started);
        if (!stopped_) done();
      });
}

void processes_part::on_result(const runner::run_result& r, const run_start& started) {
  cadence_.finished();
  if (stopped_) return;
  take(read_compute_apps(r), started.wall, started.seconds_since());
}

void processes_part::take(apps_outcome outcome, wall_clock::time_point attempt,
                          double duration_seconds) {
  record_part(health_, attempt, duration_seconds, outcome.error);
  if (!outcome.apps) return;
  apps_ = std::move(*outcome.apps);
  sample_app_processes();
  if (!options_.hpc_job_mapping_dir.empty())
    hpc_jobs_ = system::read_hpc_job_map(options_.hpc_job_mapping_dir);
}

void processes_part::sample_app_processes() {
  if (!host_) return;
  std::vector<std::int64_t> pids;
  for (const auto& app : apps_)
    if (app.pid) pids.push_back(*app.pid);
  app_processes_ = host_->processes(pids, clock::now());
}

void processes_part::fill(snapshot& s) const {
  s.apps = apps_;
  s.app_processes = app_processes_;
  s.hpc_jobs = hpc_jobs_;
  s.health.processes = health_;
}

}  // namespace smistat::collect
