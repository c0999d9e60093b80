#include "src/collect/loop_gpu_source.hpp"

#include <utility>

#include "src/common/log.hpp"

namespace smistat::collect {

loop_gpu_source::loop_gpu_source(const collect_strand& strand, runner::stream_launcher* launcher,
                                 const collector_options& options, field_negotiation& fields,
                                 gpu_sink& sink)
    : strand_(strand), launcher_(launcher), options_(options), fields_(fields), sink_(sink) {}

void loop_gpu_source::gpus_listed(std::size_t n) {
  listed_gpus_ = n;
  if (loop_) loop_->expect_rows(n);
}

void loop_gpu_source::facts_read(bool fields_changed) {
  if (fields_changed && loop_) loop_->restart();
  // A long-lived child cannot add fields later without being replaced, and the first sample
  // waits for the facts anyway: the child starts now, asking for all the driver offers.
  if (!loop_) start_loop();
}

void loop_gpu_source::start_loop() {
  if (!launcher_) {
    log::error("collector: loop mode without a process launcher");
    return;
  }
  // The events keep the collector alive until stop() lets go of them.
  loop_events events;
  auto keep = sink_.keep_alive();
  events.on_batch = [this, keep](gpu_query_outcome batch) {
    // A batch is one sample; its "run" is the interval the child took to print it.
    sink_.take_gpu_outcome(std::move(batch), 0, options_.refresh_interval.count(),
                           wall_clock::now());
  };
  events.on_exit = [this, keep](const collection_error& why, const std::string& rejected) {
    on_exit(why, rejected);
  };
  events.fields = [this, keep] { return fields_.fields(); };
  events.expected_rows = [this, keep] { return listed_gpus_; };
  loop_ = std::make_shared<loop_source>(strand_, *launcher_, options_, std::move(events));
  loop_->start();
}

void loop_gpu_source::on_exit(const collection_error& why, const std::string& rejected_field) {
  // A dropped field needs no report: the loop restarts at once with the smaller set.
  if (!rejected_field.empty() && fields_.drop(rejected_field)) return;
  log::warning("collector: nvidia-smi loop ended (" + std::string(name_of(why.kind)) + ": " +
               why.message + "); restarting it");
  sink_.take_gpu_outcome(gpu_query_outcome{std::nullopt, why, {}}, why.exit_code, 0.0,
                         wall_clock::now());
}

void loop_gpu_source::stop(const snapshot_ptr& /*current*/) {
  if (loop_) loop_->stop();
}

void loop_gpu_source::fill_health(collection_health& health) const {
  health.loop = loop_ ? loop_->health() : loop_health{};
}

}  // namespace smistat::collect
