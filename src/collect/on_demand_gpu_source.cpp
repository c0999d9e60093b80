#include "src/collect/on_demand_gpu_source.hpp"

#include <utility>

namespace smistat::collect {

on_demand_gpu_source::on_demand_gpu_source(const collect_strand& strand,
                                           runner::async_runner& runner,
                                           const collector_options& options,
                                           field_negotiation& fields, gpu_sink& sink)
    : options_(options), query_(strand, runner, options, fields, sink) {}

void on_demand_gpu_source::facts_read(bool /*fields_changed*/) { query_.resume_after_catalog(); }

void on_demand_gpu_source::request_fresh(fresh_handler handler, const snapshot_ptr& current) {
  if (stopped_) return handler(current);
  if (query_.in_flight()) {
    // A run already under way is fresh enough unless every answer must be a new sample.
    const bool join = options_.refresh_interval.count() > 0.0;
    (join ? joined_ : waiting_).push_back(std::move(handler));
    return;
  }
  if (fresh_enough()) return handler(current);
  joined_.push_back(std::move(handler));
  query_.start();
}

void on_demand_gpu_source::published(const snapshot_ptr& published) {
  answer(joined_, published);
  if (!waiting_.empty() && !stopped_) {
    joined_ = std::move(waiting_);
    waiting_.clear();
    query_.start();
  }
}

void on_demand_gpu_source::stop(const snapshot_ptr& current) {
  stopped_ = true;
  query_.stop();
  answer(joined_, current);
  answer(waiting_, current);
}

bool on_demand_gpu_source::fresh_enough() const {
  const auto last = query_.last_outcome();
  if (!last || options_.refresh_interval.count() <= 0.0) return false;
  return gpu_query::clock::now() - *last < options_.refresh_interval;
}

void on_demand_gpu_source::answer(std::vector<fresh_handler>& waiters, const snapshot_ptr& s) {
  auto batch = std::move(waiters);
  waiters.clear();
  for (auto& handler : batch) handler(s);
}

}  // namespace smistat::collect
