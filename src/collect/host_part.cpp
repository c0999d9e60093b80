#include "src/collect/host_part.hpp"

#include <algorithm>
#include <utility>

#include "src/collect/part_health_update.hpp"

namespace smistat::collect {

host_part::host_part(const collect_strand& strand, const collector_options& options)
    : options_(options),
      sampler_(options.host_root.empty() ? nullptr
                                         : std::make_unique<system::system_sampler>(
                                               options.host_root, options.host_procfs)),
      timer_(strand),
      cadence_(options.host_interval) {}

bool host_part::due(clock::time_point now) const noexcept {
  const auto last = cadence_.last_start();
  return !cadence_.in_flight() && (!last || now - *last >= interval_at(now));
}

host_part::clock::duration host_part::interval_at(clock::time_point now) const noexcept {
  const auto own = cadence_.interval();
  return options_.host_readers ? options_.host_readers->interval_at(now, own) : own;
}

void host_part::sample() {
  const auto started = run_start::now();
  cadence_.started(started.steady);
  host_ = std::make_shared<const system::system_snapshot>(sampler_->sample(started.steady));
  cadence_.finished();
  record_part(health_, started.wall, started.seconds_since(), std::nullopt);
}

void host_part::watch(std::function<void()> publish) {
  if (stopped_ || !sampler_) return;
  const auto last = cadence_.last_start().value_or(clock::now());
  timer_.expires_at(last + overdue_after());
  timer_.async_wait([this, publish = std::move(publish)](boost::system::error_code ec) {
    on_check(ec, publish);
  });
}

void host_part::on_check(boost::system::error_code ec, const std::function<void()>& publish) {
  if (ec || stopped_) return;
  const auto last = cadence_.last_start();
  if (!last || clock::now() - *last >= overdue_after()) {
    sample();
    publish();
  }
  watch(publish);
}

host_part::clock::duration host_part::overdue_after() const {
  // Its own interval (at least one refresh interval when it rides with every sample), plus a
  // refresh interval of grace for the GPU outcome that would have taken it along.
  const auto refresh = std::chrono::duration_cast<clock::duration>(options_.refresh_interval);
  const auto floor = std::max<clock::duration>(refresh, std::chrono::milliseconds(100));
  return std::max(interval_at(clock::now()), floor) + floor;
}

void host_part::fill(snapshot& s) const {
  s.host = host_;
  s.health.host = health_;
}

void host_part::stop() {
  stopped_ = true;
  timer_.cancel();
}

}  // namespace smistat::collect
