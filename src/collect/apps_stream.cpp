#include "src/collect/apps_stream.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>
#include <vector>

#include "src/collect/smi_commands.hpp"
#include "src/common/log.hpp"

namespace smistat::collect {

namespace net = boost::asio;

namespace {

/** Enough of the end of the output to hold nvidia-smi's error text. */
constexpr std::size_t tail_bytes = 4096;

}  // namespace

apps_stream::apps_stream(net::any_io_executor executor, runner::stream_launcher& launcher,
                         const collector_options& options, exit_handler on_exit,
                         progress_probe probe)
    : executor_(std::move(executor)),
      launcher_(launcher),
      options_(options),
      on_exit_(std::move(on_exit)),
      probe_(std::move(probe)),
      restart_timer_(executor_),
      tracker_(std::chrono::duration_cast<clock::duration>(options.refresh_interval)) {}

void apps_stream::start() { launch(); }

void apps_stream::stop() {
  stopped_ = true;
  restart_timer_.cancel();
  if (child_) child_->stop();
  child_.reset();
  // The handler holds the collector, which holds this stream: let go of it.
  on_exit_ = nullptr;
}

std::optional<apps_outcome> apps_stream::latest(clock::time_point now) {
  if (!child_) return std::nullopt;
  note_progress(now);
  auto rows = tracker_.rows(now);
  if (!rows) return std::nullopt;
  if (!rows->empty()) return read_compute_app_rows(*rows);
  if (now - last_progress_ <= tracker_.stale_after()) {
    apps_outcome none;
    none.apps.emplace();
    return none;
  }
  apps_outcome stuck;
  stuck.error = collection_error{collection_failure::timed_out, 0,
                                 "nvidia-smi's process list loop printed nothing and stopped "
                                 "waking up"};
  if (now - last_progress_ > stuck_after() && !kill_reason_) {
    log::warning("collector: nvidia-smi process list loop is stuck; restarting it");
    kill_reason_ = stuck.error;
    child_->stop();
  }
  return stuck;
}

void apps_stream::launch() {
  if (stopped_) return;
  const auto now = clock::now();
  tracker_.restart(now);
  last_progress_ = now;
  times_run_.reset();
  tail_.clear();
  kill_reason_.reset();
  printed_ = false;
  const auto number = ++child_number_;
  runner::stream_request request;
  request.program = options_.program;
  request.args = loop_compute_apps_args(options_);
  auto self = shared_from_this();
  // The launcher calls back on its own strand; every step continues on the collector's.
  child_ = launcher_.start(
      std::move(request),
      [self, number](std::string_view bytes) {
        net::post(self->executor_,
                  [self, number, text = std::string(bytes)] { self->on_output(number, text); });
      },
      [self, number](runner::stream_exit exit) {
        net::post(self->executor_,
                  [self, number, exit = std::move(exit)] { self->on_exit(number, exit); });
      });
}

void apps_stream::on_output(std::uint64_t child, std::string_view bytes) {
  if (stopped_ || child != child_number_) return;
  const auto now = clock::now();
  if (!bytes.empty()) {
    printed_ = true;
    last_progress_ = now;
  }
  tracker_.feed(bytes, now);
  tail_.append(bytes);
  if (tail_.size() > tail_bytes) tail_.erase(0, tail_.size() - tail_bytes);
}

void apps_stream::note_progress(clock::time_point now) {
  // Each look compares with the last one, so a wake-up counts from the look that saw it: a
  // child that printed its last rows and then stuck cannot pass for a waking one.
  const auto count = probe_ ? probe_(child_->pid()) : std::nullopt;
  if (count && times_run_ && *count != *times_run_) last_progress_ = now;
  times_run_ = count;
}

void apps_stream::on_exit(std::uint64_t child, const runner::stream_exit& exit) {
  if (stopped_ || child != child_number_) return;
  child_.reset();
  runner::run_result ended;
  ended.outcome = exit.outcome;
  ended.exit_code = exit.exit_code;
  ended.signal = exit.signal;
  ended.out = tail_;
  ended.err = exit.err;
  ended.spawn_error = exit.spawn_error;
  ended.pid = exit.pid;
  // An exit 0 is no failure for a one-shot run, but a loop is never meant to end.
  const auto why =
      kill_reason_
          ? *kill_reason_
          : run_error(ended).value_or(collection_error{collection_failure::loop_ended, 0,
                                                       "nvidia-smi's process list loop exited"});
  failed_starts_ = printed_ ? 0 : failed_starts_ + 1;
  // A stuck child was reported with every sample that found it silent; its end is no news.
  if (!kill_reason_) {
    log::warning("collector: nvidia-smi process list loop ended (" +
                 std::string(name_of(why.kind)) + ": " + why.message + "); restarting it");
    if (on_exit_) on_exit_(why);
  }
  if (stopped_) return;
  restart_timer_.expires_after(next_delay());
  restart_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->launch();
  });
}

apps_stream::clock::duration apps_stream::stuck_after() const {
  // As long as the GPU loop may go without a batch before it is replaced.
  const auto intervals =
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.refresh_interval * 3);
  return std::max(intervals, options_.run_timeout);
}

std::chrono::milliseconds apps_stream::next_delay() const {
  // As the GPU loop: a child that printed is restarted soon; one that did not waits longer
  // each time, so a broken driver is not hammered.
  if (failed_starts_ == 0) return options_.loop_restart_delay;
  auto delay = options_.loop_backoff_delay;
  for (unsigned i = 1; i < failed_starts_ && delay < options_.loop_backoff_max_delay; ++i)
    delay *= 2;
  return std::min(delay, options_.loop_backoff_max_delay);
}

}  // namespace smistat::collect
