#include "src/collect/details_part.hpp"

#include <utility>

#include "src/collect/part_health_update.hpp"
#include "src/collect/smi_commands.hpp"
#include "src/collect/smi_results.hpp"

namespace smistat::collect {

details_part::details_part(const collect_strand& strand, runner::async_runner& runner,
                           const collector_options& options)
    : strand_(strand), runner_(runner), options_(options), cadence_(options.details_interval) {}

bool details_part::due(clock::time_point now) const noexcept {
  return options_.details_interval.count() > 0.0 && cadence_.due(now);
}

void details_part::start(std::function<void()> done) {
  cadence_.started(clock::now());
  run_on_strand(
      strand_, runner_, query_details_request(options_),
      [this, done = std::move(done)](const runner::run_result& r, const run_start& started) {
        on_result(r, started);
        if (!stopped_) done();
      });
}

void details_part::on_result(const runner::run_result& r, const run_start& started) {
  cadence_.finished();
  if (stopped_) return;
  auto error = run_error(r);
  record_part(health_, started.wall, started.seconds_since(), error);
  if (!error) details_ = parsers::parse_query_details(r.out);
}

void details_part::fill(snapshot& s) const {
  s.details = details_;
  s.health.details = health_;
}

}  // namespace smistat::collect
