#include "src/collect/gpu_query.hpp"

#include <utility>

#include "src/collect/smi_commands.hpp"
#include "src/collect/smi_results.hpp"

namespace smistat::collect {

gpu_query::gpu_query(const collect_strand& strand, runner::async_runner& runner,
                     const collector_options& options, field_negotiation& fields, gpu_sink& sink)
    : strand_(strand),
      runner_(runner),
      options_(options),
      fields_(fields),
      sink_(sink),
      cadence_(options.refresh_interval) {}

void gpu_query::start() {
  cadence_.started(clock::now());
  run();
}

void gpu_query::resume_after_catalog() {
  // The run still holds the single flight: it only asks again.
  if (fields_.take_waiting()) run();
}

void gpu_query::run() {
  run_on_strand(
      strand_, runner_, query_gpu_request(options_, fields_.ask()),
      [this, keep = sink_.keep_alive()](const runner::run_result& r, const run_start& started) {
        on_result(r, started);
      });
}

void gpu_query::on_result(const runner::run_result& r, const run_start& started) {
  cadence_.finished();
  if (stopped_) return;
  columns_ = gpu_columns(fields_.asked(), std::move(columns_));
  auto outcome = read_gpu_query(r, columns_);
  if (!outcome.rejected_field.empty() && settle_rejected(outcome.rejected_field)) return;
  const int exit_code = r.outcome == runner::run_outcome::exited ? r.exit_code : 0;
  last_outcome_ = clock::now();
  sink_.take_gpu_outcome(std::move(outcome), exit_code, started.seconds_since(), started.wall);
}

bool gpu_query::settle_rejected(const std::string& field) {
  switch (fields_.on_rejected(field, sink_.catalog_in_flight())) {
    case rejection_step::wait_for_catalog:
      cadence_.started(clock::now());  // hold the single flight while the catalog is read
      return true;
    case rejection_step::ask_again: start(); return true;
    case rejection_step::give_up: return false;
  }
  return false;
}

}  // namespace smistat::collect
