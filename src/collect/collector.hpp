#pragma once
// Decides what to run and when, and publishes snapshots. The GPU query never waits for anything
// else: static facts, compute apps, `-q` details and the host are collected beside it, each on
// its own cadence with its own single flight, and every snapshot combines the latest of each
// (docs/architecture.md, "Cadences"). All state lives on one strand.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "src/collect/cadence.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/facts_reader.hpp"
#include "src/collect/field_set.hpp"
#include "src/collect/smi_results.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/runner/run_result.hpp"
#include "src/runner/stream_launcher.hpp"
#include "src/system/system_info.hpp"

namespace smistat::collect {

class loop_source;

/** Answer to request_fresh; called on the collector's strand, so post heavy work elsewhere. */
using fresh_handler = std::function<void(snapshot_ptr)>;

/** Create with std::make_shared (handlers keep it alive). */
class collector : public std::enable_shared_from_this<collector> {
 public:
  /** `runner`, `store` and (loop mode) `launcher` must outlive the collector. */
  collector(boost::asio::any_io_executor executor, runner::async_runner& runner,
            snapshot_store& store, collector_options options,
            runner::stream_launcher* launcher = nullptr);

  /** Takes the first host reading and publishes it at once, in the caller's thread (so call it
   *  before the executor runs anything of this collector); then reads the facts and, except on
   *  demand, starts the GPU query beside them. */
  void start();
  /** Cancels timers, ends runs and the loop child; pending request_fresh callers get the
   *  current snapshot. Nothing is published afterwards. */
  void stop();
  /** On demand: answers at once while the GPU figures are younger than the refresh interval,
   *  otherwise after one shared run. The other modes answer at once. */
  void request_fresh(fresh_handler handler);

 private:
  using clock = std::chrono::steady_clock;

  // The GPU query (interval and on-demand modes).
  void start_query();
  void run_query();
  void on_query(const runner::run_result& r, clock::time_point started,
                wall_clock::time_point started_wall);
  bool retry_rejected(const std::string& field);
  // Loop mode.
  void start_loop();
  void on_loop_batch(gpu_query_outcome batch);
  void on_loop_exit(const collection_error& why, const std::string& rejected_field);
  // What every GPU outcome does, whichever mode produced it.
  void take_gpu_outcome(gpu_query_outcome outcome, int exit_code, double duration_seconds,
                        wall_clock::time_point attempt);
  void finish_gpu_outcome(std::optional<parsers::query_table> table);
  void check_driver(const parsers::query_table& table);
  // The parts beside the GPU query.
  void start_facts(bool discover);
  void on_facts(facts_reading reading, clock::time_point started,
                wall_clock::time_point started_wall);
  void start_due_parts();
  void start_processes();
  void on_processes(const runner::run_result& r, clock::time_point started,
                    wall_clock::time_point started_wall);
  void start_details();
  void on_details(const runner::run_result& r, clock::time_point started,
                  wall_clock::time_point started_wall);
  void sample_host();
  void schedule_host_check();
  void on_host_check(boost::system::error_code ec);
  /** How old the host reading may grow before it publishes without a GPU outcome. */
  clock::duration host_overdue_after() const;
  void sample_app_processes();
  // Publishing and scheduling.
  snapshot_ptr publish(std::optional<parsers::query_table> fresh_gpus = std::nullopt);
  void schedule_tick();
  void on_tick(boost::system::error_code ec);
  // On demand.
  void handle_request(fresh_handler handler);
  bool fresh_enough() const;
  void answer(std::vector<fresh_handler>& waiters, const snapshot_ptr& s);
  template <class Step>
  void run(runner::run_request request, Step step);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::steady_timer timer_;
  boost::asio::steady_timer host_timer_;  ///< the host's own publish when GPU outcomes stop
  runner::async_runner& runner_;
  runner::stream_launcher* launcher_;
  snapshot_store& store_;
  const collector_options options_;
  std::unique_ptr<system::system_sampler> host_sampler_;  ///< null when host sampling is off
  std::shared_ptr<loop_source> loop_;                     ///< set in loop mode

  cadence query_;
  cadence facts_;
  cadence processes_;
  cadence details_;
  cadence host_;
  field_set fields_;
  std::vector<parsers::resolved_field> asked_fields_;  ///< of the query in flight
  bool facts_read_ = false;            ///< the first reading has finished (well or not)
  bool facts_known_ = false;           ///< a reading found the versions
  bool holding_first_sample_ = false;  ///< the first sample waits for the first reading
  std::optional<parsers::query_table> held_sample_;
  bool query_waits_for_facts_ = false;        ///< a rejected field waits for the catalog in flight
  bool asked_again_after_discovery_ = false;  ///< a rejection the catalog had already resolved
  /** The latest of every part and the health; copied into each publish. Its `gpus` stay empty:
   *  the last good table lives in the store's current snapshot (see publish()). */
  snapshot working_;
  std::optional<clock::time_point> last_gpu_result_;
  bool stopped_ = false;
  std::vector<fresh_handler> joined_;   ///< answered when the query in flight publishes
  std::vector<fresh_handler> waiting_;  ///< need a query that starts after them
};

}  // namespace smistat::collect
