#include "src/collect/facts_part.hpp"

#include <utility>

#include "src/collect/part_health_update.hpp"
#include "src/collect/smi_results.hpp"
#include "src/common/log.hpp"

namespace smistat::collect {

facts_part::facts_part(const collect_strand& strand, runner::async_runner& runner,
                       const collector_options& options)
    : strand_(strand), runner_(runner), options_(options), cadence_(options.refresh_interval) {}

void facts_part::start(bool discover, facts_done done) {
  if (stopped_ || cadence_.in_flight()) return;
  const auto started = run_start::now();
  cadence_.started(started.steady);
  read_facts(strand_, runner_, options_, discover,
             [this, started, done = std::move(done)](facts_reading reading) {
               on_reading(std::move(reading), started, done);
             });
}

void facts_part::on_reading(facts_reading reading, const run_start& started,
                            const facts_done& done) {
  cadence_.finished();
  if (stopped_) return;
  const bool known = reading.facts.nvidia_smi_available;
  record_part(health_, started.wall, started.seconds_since(), known ? std::nullopt : reading.error);
  // The first reading is kept even when it failed, so /health can say nvidia-smi is missing.
  if (known || !known_) facts_ = std::move(reading.facts);
  known_ = known;
  done(std::move(reading.catalog));
}

bool facts_part::driver_changed(const parsers::query_table& table) {
  const auto driver = sampled_driver_version(table);
  if (!known_ || driver.empty() || driver == facts_.driver_version) return false;
  log::info("collector: driver changed to " + driver + "; reading static facts again");
  known_ = false;
  return true;
}

void facts_part::fill(snapshot& s) const {
  s.facts = facts_;
  s.health.facts = health_;
}

}  // namespace smistat::collect
