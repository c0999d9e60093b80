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
  if (options_.details_interval.count() <= 0.0) return false;
  return stream_ || cadence_.due(now);
}

void details_part::stream_with(runner::stream_launcher& launcher) {
  stream_ = std::make_shared<details_stream>(strand_, launcher, options_,
                                             [this](const collection_error& why) {
                                               // The details served keep their age; /health
                                               // counts the ended child as a failed read.
                                               if (!stopped_)
                                                 record_part(health_, wall_clock::now(), 0.0, why);
                                             });
  stream_->start();
}

void details_part::stop() {
  stopped_ = true;
  if (stream_) stream_->stop();
}

void details_part::start(std::function<void()> done) {
  const auto now = clock::now();
  if (stream_) {
    if (auto latest = stream_->latest(now)) {
      if (latest->details) streamed_at_ = now;
      return take(std::move(*latest), wall_clock::now(), 0.0);
    }
    // Runs on the cadence give the details until the child's first document (it comes a few
    // looks after the child starts), and again whenever its documents stop coming: a driver
    // whose nvidia-smi cannot loop `-q`, or a child that keeps failing.
    if (streamed_at_ && now - *streamed_at_ <= 2 * cadence_.interval()) return;
    if (!cadence_.due(now)) return;
  }
  cadence_.started(now);
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
  details_outcome outcome;
  if (!error) outcome.details = parsers::parse_query_details(r.out);
  outcome.error = std::move(error);
  take(std::move(outcome), started.wall, started.seconds_since());
}

void details_part::take(details_outcome outcome, wall_clock::time_point attempt,
                        double duration_seconds) {
  record_part(health_, attempt, duration_seconds, outcome.error);
  if (!outcome.details) return;
  details_ = std::move(*outcome.details);
}

void details_part::fill(snapshot& s) const {
  s.details = details_;
  s.health.details = health_;
}

}  // namespace smistat::collect
