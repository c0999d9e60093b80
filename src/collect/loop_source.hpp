#pragma once
// Loop mode's GPU figures: one long-lived `nvidia-smi --query-gpu=... -lms N` child prints a
// batch of rows per interval, so NVML initialises once instead of once per sample. This class
// keeps that child alive: it groups the rows into batches, restarts the child with back-off
// when it exits, and kills and restarts it when no complete batch arrives within the deadline.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "parsers/query_batcher.hpp"
#include "parsers/query_fields.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/smi_results.hpp"
#include "src/collect/snapshot.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::collect {

/** What the collector hears from the loop. All calls come on the loop's executor. */
struct loop_events {
  /** One batch read: a table, an error, or both (a lost GPU beside the others). */
  std::function<void(gpu_query_outcome batch)> on_batch;
  /** The child ended or was killed; `rejected_field` is set when nvidia-smi refused a field.
   *  The loop restarts by itself after this returns, asking `fields` again. */
  std::function<void(const collection_error& why, const std::string& rejected_field)> on_exit;
  /** The fields to ask for at each (re)start. */
  std::function<std::span<const parsers::resolved_field>()> fields;
  /** GPUs per sample when known (0: unknown), read at each (re)start. */
  std::function<std::size_t()> expected_rows;
};

class loop_source : public std::enable_shared_from_this<loop_source> {
 public:
  /** `executor` must be the collector's strand; `launcher` must outlive the loop. */
  loop_source(boost::asio::any_io_executor executor, runner::stream_launcher& launcher,
              const collector_options& options, loop_events events);

  void start();
  /** Replaces the child by one asking for the fields as they are now (the set changed). */
  void restart();
  /** The GPUs per sample (from `-L`): a batch is complete once it has that many rows, without
   *  waiting for the next sample's first row. */
  void expect_rows(std::size_t n);
  /** Ends the child; nothing is reported afterwards. */
  void stop();
  /** The child's pid, restarts, batches and last line, for /health. */
  const loop_health& health() const noexcept { return health_; }

 private:
  void launch();
  void on_output(std::uint64_t child, std::string_view bytes);
  void on_exit(std::uint64_t child, const runner::stream_exit& exit);
  void arm_watchdog();
  void on_watchdog(boost::system::error_code ec, std::uint64_t child);
  void schedule_restart(std::chrono::milliseconds delay);

  boost::asio::any_io_executor executor_;
  runner::stream_launcher& launcher_;
  const collector_options& options_;
  loop_events events_;
  boost::asio::steady_timer watchdog_;
  boost::asio::steady_timer restart_timer_;
  std::shared_ptr<runner::stream_handle> child_;
  std::uint64_t child_number_ = 0;  ///< tells a dead child's late callbacks from the live one's
  std::vector<parsers::resolved_field> fields_;         ///< what the live child was asked for
  std::shared_ptr<const parsers::column_map> columns_;  ///< named by their keys; tables share it
  std::optional<parsers::query_batcher> batcher_;
  std::string tail_;  ///< the last output bytes, to classify how the child ended
  std::optional<collection_error> kill_reason_;  ///< set when the watchdog killed the child
  unsigned failed_starts_ = 0;                   ///< children in a row that ended without a batch
  bool got_batch_ = false;
  std::chrono::steady_clock::time_point last_batch_;  ///< or the child's start
  bool stopped_ = false;
  loop_health health_;
};

}  // namespace smistat::collect
