#pragma once
// One-shot `--query-gpu` runs, as the interval and on-demand sources drive them: one at a time,
// read against the fields they asked for, asked again when a rejected field can be settled.

#include <chrono>
#include <memory>
#include <optional>

#include "parsers/column_map.hpp"
#include "src/collect/cadence.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/field_negotiation.hpp"
#include "src/collect/gpu_sink.hpp"
#include "src/collect/strand_run.hpp"
#include "src/runner/run_result.hpp"

namespace smistat::collect {

class gpu_query {
 public:
  using clock = std::chrono::steady_clock;

  /** Every argument must outlive the query. */
  gpu_query(const collect_strand& strand, runner::async_runner& runner,
            const collector_options& options, field_negotiation& fields, gpu_sink& sink);

  /** No run in flight, and the refresh interval has passed since the last one started. */
  bool due(clock::time_point now) const noexcept { return cadence_.due(now); }
  clock::time_point next_due(clock::time_point now) const noexcept {
    return cadence_.next_due(now);
  }
  bool in_flight() const noexcept { return cadence_.in_flight(); }
  /** When the last outcome went to the sink; nullopt before the first. */
  std::optional<clock::time_point> last_outcome() const noexcept { return last_outcome_; }

  /** Starts a run now; its outcome goes to the sink. */
  void start();
  /** The driver's field list was read: a run that waited for it asks again. */
  void resume_after_catalog();
  /** Nothing goes to the sink afterwards. */
  void stop() noexcept { stopped_ = true; }

 private:
  void run();
  void on_result(const runner::run_result& r, const run_start& started);
  /** True when the run is asked again (or waits for the catalog) instead of failing. */
  bool settle_rejected(const std::string& field);

  collect_strand strand_;
  runner::async_runner& runner_;
  const collector_options& options_;
  field_negotiation& fields_;
  gpu_sink& sink_;
  cadence cadence_;
  std::optional<clock::time_point> last_outcome_;
  /** The columns of the fields asked last: every run's table shares them (gpu_columns). */
  std::shared_ptr<const parsers::column_map> columns_;
  bool stopped_ = false;
};

}  // namespace smistat::collect
