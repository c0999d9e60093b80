#pragma once
// Interval mode: a timer runs the GPU query every refresh interval, start to start. Requests
// never wait (except for the very first sample, which the store holds them for).

#include <boost/asio/steady_timer.hpp>

#include "src/collect/gpu_query.hpp"
#include "src/collect/gpu_source.hpp"

namespace smistat::collect {

class interval_gpu_source : public gpu_source {
 public:
  /** Every argument must outlive the source. */
  interval_gpu_source(const collect_strand& strand, runner::async_runner& runner,
                      const collector_options& options, field_negotiation& fields, gpu_sink& sink);

  bool samples_by_itself() const noexcept override { return true; }
  void start() override;
  void facts_read(bool fields_changed) override;
  void published(const snapshot_ptr& published) override;
  void stop(const snapshot_ptr& current) override;

 private:
  void on_tick(boost::system::error_code ec);

  gpu_sink& sink_;
  gpu_query query_;
  boost::asio::steady_timer timer_;
  bool stopped_ = false;
};

}  // namespace smistat::collect
