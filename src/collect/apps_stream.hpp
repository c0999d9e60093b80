#pragma once
// Loop mode's process list: one long-lived `nvidia-smi --query-compute-apps=... -lms N` child
// instead of one spawned run per sample. It keeps the child alive (restarted with back-off when
// it ends) and hands out the latest batch when a sample asks.
//
// Such a child prints nothing while no process runs, which is also what a stuck child prints.
// Silence counts as "no process" only while the kernel shows the child still waking up, as a
// loop that sleeps between iterations does (system::times_scheduled); a silent child that
// stopped waking is reported as a failed read, so the last list stays with its age, and once
// it has been stuck as long as the GPU loop may be, it is replaced.
//
// Its rows are read when a sample looks (runner::stream_request::read_when_asked), never when
// they are printed: a second wake-up a second would cost smistat more than the list itself.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "src/collect/app_rows_tracker.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/smi_results.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::collect {

class apps_stream : public std::enable_shared_from_this<apps_stream> {
 public:
  using clock = std::chrono::steady_clock;
  /** Called on the executor when the child ended; the stream restarts by itself afterwards. */
  using exit_handler = std::function<void(const collection_error& why)>;
  /** How many times the kernel has run a pid (system::times_scheduled); tests play it. */
  using progress_probe = std::function<std::optional<std::uint64_t>(int pid)>;

  /** `executor` must be the collector's strand; `launcher` and `options` must outlive the
   *  stream. */
  apps_stream(boost::asio::any_io_executor executor, runner::stream_launcher& launcher,
              const collector_options& options, exit_handler on_exit, progress_probe probe);

  void start();
  /** Ends the child; nothing is reported afterwards. */
  void stop();
  /** The process list at `now`: the latest batch's; an empty list once the child has been
   *  silent for the tracker's stale time while it kept waking; an error when it was silent and
   *  did not wake; nullopt while nothing can be told (no child yet, or a young one that printed
   *  nothing). Call it with every sample: each call also looks at the child's progress. */
  std::optional<apps_outcome> latest(clock::time_point now);

 private:
  void launch();
  void on_output(std::uint64_t child, std::string_view bytes);
  void take_output(std::string_view bytes, clock::time_point now);
  void on_exit(std::uint64_t child, const runner::stream_exit& exit);
  void note_progress(clock::time_point now);

  boost::asio::any_io_executor executor_;
  runner::stream_launcher& launcher_;
  const collector_options& options_;
  exit_handler on_exit_;
  progress_probe probe_;
  boost::asio::steady_timer restart_timer_;
  std::shared_ptr<runner::stream_handle> child_;
  std::uint64_t child_number_ = 0;  ///< tells a dead child's late callbacks from the live one's
  app_rows_tracker tracker_;
  std::string tail_;       ///< the last output bytes, to classify how the child ended
  std::string ready_;      ///< what one look read from the pipe, kept for its capacity
  std::string read_rows_;  ///< the batch read_ was read from
  apps_outcome read_;      ///< what read_rows_ holds
  std::optional<std::uint64_t> times_run_;      ///< the child's count at the last look
  std::optional<clock::time_point> last_look_;  ///< when times_run_ was read
  /** The count moved since a look too long ago to date the wake-up (note_progress). */
  bool undated_wake_ = false;
  clock::time_point last_progress_;              ///< the child last printed or was seen to wake
  std::optional<collection_error> kill_reason_;  ///< set when it was replaced for being stuck
  bool printed_ = false;                         ///< the live child printed something
  unsigned failed_starts_ = 0;                   ///< children in a row that ended without printing
  bool stopped_ = false;
};

}  // namespace smistat::collect
