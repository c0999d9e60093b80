#pragma once
// The collection side of `smistat serve`: its own io_context and thread, the runner and stream
// launcher, the store and the collector, the snapshot history, the XID reader and the kubelet
// poller. Parsing a sample never competes with a request for a thread, and neither waits for
// the other.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <memory>
#include <thread>

#include "src/collect/collector.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/collect/xid_log.hpp"
#include "src/collect/xid_reader.hpp"
#include "src/config/config.hpp"
#include "src/contracts/kit/route_kit.hpp"
#include "src/history/snapshot_history.hpp"
#include "src/kubernetes/kubelet_poller.hpp"
#include "src/runner/process_runner.hpp"
#include "src/runner/process_stream_launcher.hpp"

namespace smistat::app {

/** Built with everything subscribed and the XID reader and kubelet poller started; start()
 *  starts the collector and its thread, stop() (from any thread) winds it down, and join()
 *  waits for it. Routes keep references into it, so it never moves. */
class collection_service {
 public:
  explicit collection_service(const config& cfg);
  ~collection_service();
  collection_service(const collection_service&) = delete;
  collection_service& operator=(const collection_service&) = delete;

  /** Starts the collector, which publishes the first host reading before this returns (so
   *  call it before listening), then the collection thread. */
  void start();

  /** Answers every request still waiting for a first sample, stops the collector, kills its
   *  children and lets the collection thread end: all of it on that thread, in that order. */
  void stop();

  /** Waits for the collection thread (after stop()), then stops the kubelet poller. */
  void join();

  /** Where data routes get their snapshot; `ready` is what the first answer waits for in
   *  interval and loop modes. */
  contracts::snapshot_source data_source(collect::snapshot_condition ready);

  const collect::collector_options& options() const noexcept { return options_; }
  /** What answers showing the host's figures mark, so it is read at its cadence meanwhile. */
  const std::shared_ptr<collect::host_demand>& host_readers() const noexcept {
    return options_.host_readers;
  }
  collect::snapshot_store& store() noexcept { return store_; }
  /** The nvidia-smi runs and the loop children alive now, for /health. */
  std::size_t runs_in_flight() const { return runner_.runs_in_flight(); }
  std::size_t streams_running() const { return launcher_.streams_running(); }
  const std::shared_ptr<history::snapshot_history>& history() const noexcept { return history_; }
  const std::shared_ptr<collect::xid_log>& xids() const noexcept { return xids_; }
  /** Null without --kubernetes. */
  const std::shared_ptr<kubernetes::kubelet_poller>& pods() const noexcept { return pods_; }

 private:
  const collect::collector_options options_;
  boost::asio::io_context io_{1};
  // On demand the collector may be idle for hours between requests: its thread must not end
  // when it runs out of work, only when the server stops.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  runner::process_runner runner_;
  runner::process_stream_launcher launcher_;
  collect::snapshot_store store_;
  std::shared_ptr<collect::collector> collector_;
  std::shared_ptr<history::snapshot_history> history_;
  std::shared_ptr<collect::xid_log> xids_;
  std::shared_ptr<collect::xid_reader> xid_reader_;
  std::shared_ptr<kubernetes::kubelet_poller> pods_;
  std::thread thread_;
};

}  // namespace smistat::app
