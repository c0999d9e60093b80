#pragma once
// Runs nvidia-smi through the runner seam, strictly one run at a time, and publishes every
// outcome (data or failure) to the store. All state lives on one strand.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parsers/query_fields.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/runner/run_result.hpp"
#include "src/system/system_info.hpp"

namespace smistat::collect {

/** Answer to request_fresh; called on the collector's strand, so post heavy work elsewhere. */
using fresh_handler = std::function<void(snapshot_ptr)>;

/** Decides what to run and when; create with std::make_shared (handlers keep it alive). */
class collector : public std::enable_shared_from_this<collector> {
 public:
  /** `runner` and `store` must outlive the collector. */
  collector(boost::asio::any_io_executor executor, runner::async_runner& runner,
            snapshot_store& store, collector_options options);

  /** Reads static facts; in interval mode then samples every refresh interval. */
  void start();
  /** Cancels the timer and any run in flight; pending request_fresh callers get the current
   *  snapshot. Nothing is published afterwards. */
  void stop();
  /** On-demand: answers at once while the last collection is younger than the refresh
   *  interval, otherwise after one shared run. Interval mode answers at once. */
  void request_fresh(fresh_handler handler);

 private:
  enum class step {
    version,
    banner,
    list_gpus,
    discovery,
    query_gpu,
    compute_apps,
    details,
    finish
  };
  using result_member = void (collector::*)(runner::run_result);

  void begin_cycle(bool sample);
  void run_next();
  void run(runner::run_request request, result_member on_result);
  void on_version(runner::run_result r);
  void on_banner(runner::run_result r);
  void on_list_gpus(runner::run_result r);
  void on_discovery(runner::run_result r);
  void do_query_gpu();
  void on_query_gpu(runner::run_result r);
  bool drop_rejected_field(const std::string& query_name);
  void on_gpu_table(parsers::query_table table);
  void on_compute_apps(runner::run_result r);
  void on_details(runner::run_result r);
  void sample_host();
  void on_internal_error(const char* what);
  void finish_cycle();
  void update_health();
  void log_transition(const std::optional<collection_error>& previous) const;
  void abandon_cycle();
  void schedule_tick();
  void on_tick(boost::system::error_code ec);
  void answer(std::vector<fresh_handler>& waiters, const snapshot_ptr& s);
  bool fresh_enough() const;
  void handle_request(fresh_handler handler);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::steady_timer timer_;
  runner::async_runner& runner_;
  snapshot_store& store_;
  const collector_options options_;
  std::unique_ptr<system::system_sampler> host_sampler_;  ///< null when host sampling is off

  bool stopped_ = false;
  bool cycle_running_ = false;
  bool cycle_samples_ = false;  ///< false for the facts-only cycle of on-demand start
  std::deque<step> steps_;
  bool facts_needed_ = true;
  bool discovery_needed_ = true;
  unsigned field_retries_ = 0;
  std::vector<parsers::resolved_field> fields_;
  snapshot working_;  ///< last good data, facts and health; copied into each publish
  std::optional<collection_error> cycle_error_;
  bool cycle_got_data_ = false;
  int cycle_exit_code_ = 0;
  std::chrono::steady_clock::time_point cycle_started_;
  wall_clock::time_point cycle_started_wall_;
  std::optional<std::chrono::steady_clock::time_point> last_finished_;
  std::vector<fresh_handler> joined_;   ///< answered when the cycle in flight publishes
  std::vector<fresh_handler> waiting_;  ///< need a cycle that starts after them
};

}  // namespace smistat::collect
