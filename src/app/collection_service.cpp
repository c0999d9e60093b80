#include "src/app/collection_service.hpp"

#include <boost/asio/post.hpp>
#include <chrono>
#include <utility>

#include "src/app/kubernetes_source.hpp"
#include "src/app/module_options.hpp"
#include "src/app/nvidia_smi_source.hpp"
#include "src/app/publish_hooks.hpp"
#include "src/app/xid_source.hpp"
#include "src/contracts/gpu_statistics/settings.hpp"

namespace smistat::app {
namespace {

collect::collector_options options_for(const config& cfg) {
  auto options = collector_options_from(cfg, choose_nvidia_smi_source(cfg).program);
  // The routes that show the host tell the collector so (host_readers()).
  options.host_readers = std::make_shared<collect::host_demand>();
  return options;
}

/** Generation 0 already tells /health how collection is set up, before the first run ends. */
collect::snapshot initial_snapshot(const config& cfg, const collect::collector_options& options) {
  collect::snapshot initial;
  initial.health.mode = collect::mode_name(options.mode);
  initial.health.refresh_interval = cfg.refresh_interval;
  return initial;
}

}  // namespace

collection_service::collection_service(const config& cfg)
    : options_(options_for(cfg)),
      work_(boost::asio::make_work_guard(io_)),
      runner_(io_.get_executor()),
      launcher_(io_.get_executor()),
      store_(initial_snapshot(cfg, options_)),
      // One thread runs io_ (start()), which serialises the collection by itself: the collector
      // takes its executor as is, without a strand on it.
      collector_(std::make_shared<collect::collector>(io_.get_executor(), runner_, store_, options_,
                                                      &launcher_)),
      // One subscription keeps every history (trends and /gpu/history's samples) and logs the
      // visible-GPU filter's notes.
      history_(make_snapshot_history(cfg.max_history)) {
  watch_publishes(store_, history_, contracts::gpu_statistics_settings_from(cfg).visible_gpu_ids);
  // XID errors come from the kernel log, read beside collection; a log smistat may not read
  // leaves a note in /health and nothing else changes.
  xids_ = std::make_shared<collect::xid_log>(cfg.xid_source);
  xid_reader_ = start_xid_reader(cfg, io_.get_executor(), launcher_, store_, xids_);
  // Pod labels come from the kubelet, asked on a thread of its own: a hanging kubelet delays
  // only its own next answer.
  pods_ = start_kubelet_poller(cfg, store_, runner_);
}

collection_service::~collection_service() {
  // Only when serving ended by an exception: the thread must end before what it runs.
  if (thread_.joinable()) {
    stop();
    join();
  }
}

void collection_service::start() {
  // On this thread, before the collection thread runs: the collector's state is not shared yet.
  collector_->start();
  thread_ = std::thread([this] { io_.run(); });
}

void collection_service::stop() {
  boost::asio::post(io_, [this] {
    // Requests still waiting for a first sample get their answer now: their timers would
    // hold the collection thread, and the exit, for as long as a run may take.
    store_.release_waiters();
    collector_->stop();
    runner_.cancel_all();
    xid_reader_->stop();
    launcher_.cancel_all();
    work_.reset();
  });
}

void collection_service::join() {
  if (thread_.joinable()) thread_.join();
  if (pods_) pods_->stop();
}

contracts::snapshot_source collection_service::data_source(collect::snapshot_condition ready) {
  // Nothing here blocks: a request that must wait hands its continuation to the store or the
  // collector, which call it from the collection thread.
  if (options_.mode == collect::collect_mode::on_demand) {
    // The run has a deadline, and stop() answers every waiter, so each request is answered.
    return [coll = collector_](contracts::snapshot_consumer done) {
      coll->request_fresh(std::move(done));
    };
  }
  // Interval and loop modes: only a request that comes before the first sample waits for it,
  // and not longer than one run may take.
  const auto limit = options_.run_timeout + std::chrono::seconds(1);
  return [this, limit, ready](contracts::snapshot_consumer done) {
    auto now = store_.current();
    if (ready(*now)) return done(now);
    store_.async_wait_until(
        io_.get_executor(), limit, ready,
        [done = std::move(done)](boost::system::error_code, collect::snapshot_ptr s) { done(s); });
  };
}

}  // namespace smistat::app
