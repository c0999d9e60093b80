#include "src/collect/interval_gpu_source.hpp"

namespace smistat::collect {

interval_gpu_source::interval_gpu_source(const collect_strand& strand, runner::async_runner& runner,
                                         const collector_options& options,
                                         field_negotiation& fields, gpu_sink& sink)
    : sink_(sink), query_(strand, runner, options, fields, sink), timer_(strand) {}

void interval_gpu_source::start() {
  if (stopped_ || !query_.due(gpu_query::clock::now())) return;
  query_.start();
}

void interval_gpu_source::facts_read(bool /*fields_changed*/) { query_.resume_after_catalog(); }

void interval_gpu_source::published(const snapshot_ptr& /*published*/) {
  if (stopped_) return;
  timer_.expires_at(query_.next_due(gpu_query::clock::now()));
  timer_.async_wait(
      [this, keep = sink_.keep_alive()](boost::system::error_code ec) { on_tick(ec); });
}

void interval_gpu_source::on_tick(boost::system::error_code ec) {
  if (ec || stopped_) return;
  start();
}

void interval_gpu_source::stop(const snapshot_ptr& /*current*/) {
  stopped_ = true;
  query_.stop();
  timer_.cancel();
}

}  // namespace smistat::collect
