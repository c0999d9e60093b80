#include "src/collect/apps_stream.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "src/collect/loop_child.hpp"
#include "src/collect/smi_commands.hpp"
#include "src/common/log.hpp"

namespace smistat::collect {

namespace net = boost::asio;

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
  // The rows wait in the pipe for this look (read_when_asked), so the child never wakes smistat
  // by itself: a look comes with each GPU sample, which wakes it anyway.
  ready_.clear();
  child_->read_ready(ready_);
  if (ready_.empty()) {
    note_progress(now);
  } else {
    // Rows are progress enough; the run count, a read of /proc, is needed only in silence. The
    // next look starts counting afresh, so no wake-up is dated across this one.
    take_output(ready_, now);
    times_run_.reset();
    undated_wake_ = false;
  }
  const auto rows = tracker_.rows(now);
  if (!rows) return std::nullopt;
  if (!rows->empty()) {
    // The same batch is looked at until the next one comes: read once, shared afterwards.
    if (*rows != read_rows_) {
      read_ = read_compute_app_rows(*rows);
      read_rows_.assign(*rows);
    }
    return read_;
  }
  if (now - last_progress_ <= tracker_.stale_after()) {
    apps_outcome none;
    none.apps.emplace();
    return none;
  }
  // It ran since a look long ago, but when is unknown: the list served stays, and the next look
  // tells a waking child from a stuck one.
  if (undated_wake_) return std::nullopt;
  apps_outcome stuck;
  stuck.error = collection_error{collection_failure::timed_out, 0,
                                 "nvidia-smi's process list loop printed nothing and stopped "
                                 "waking up"};
  // As long as the GPU loop may go without a batch before it is replaced.
  if (now - last_progress_ > loop_silence_allowed(options_) && !kill_reason_) {
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
  last_look_.reset();
  undated_wake_ = false;
  tail_.clear();
  kill_reason_.reset();
  printed_ = false;
  const auto number = ++child_number_;
  runner::stream_request request;
  request.program = options_.program;
  request.args = loop_compute_apps_args(options_);
  request.read_when_asked = true;
  auto self = shared_from_this();
  child_ = start_loop_child(
      executor_, launcher_, std::move(request),
      [self, number](std::string_view bytes) { self->on_output(number, bytes); },
      [self, number](const runner::stream_exit& exit) { self->on_exit(number, exit); });
}

void apps_stream::on_output(std::uint64_t child, std::string_view bytes) {
  if (stopped_ || child != child_number_) return;
  take_output(bytes, clock::now());
}

void apps_stream::take_output(std::string_view bytes, clock::time_point now) {
  if (!bytes.empty()) {
    printed_ = true;
    last_progress_ = now;
  }
  tracker_.feed(bytes, now);
  keep_tail(tail_, bytes);
}

void apps_stream::note_progress(clock::time_point now) {
  // Each look compares with the last one, and a wake-up it sees happened between the two: it is
  // dated at the last look, the earliest it can have been, so a child that printed its last rows
  // and then stuck cannot pass for a waking one. After a long gap between looks (they come with the
  // GPU samples, which stop while a hung GPU loop is replaced) it is not dated at all: the count
  // may have moved only because the child printed its last rows and then stuck, and dating that at
  // the look would serve its silence as "no process".
  const auto count = probe_ ? probe_(child_->pid()) : std::nullopt;
  undated_wake_ = false;
  if (count && times_run_ && *count != *times_run_) {
    if (last_look_ && now - *last_look_ <= tracker_.stale_after() / 2)
      last_progress_ = std::max(last_progress_, *last_look_);
    else
      undated_wake_ = true;
  }
  times_run_ = count;
  last_look_ = now;
}

void apps_stream::on_exit(std::uint64_t child, const runner::stream_exit& exit) {
  if (stopped_ || child != child_number_) return;
  child_.reset();
  const auto why =
      loop_end_reason(exit, tail_, kill_reason_, "nvidia-smi's process list loop exited");
  failed_starts_ = printed_ ? 0 : failed_starts_ + 1;
  // A stuck child was reported with every sample that found it silent; its end is no news.
  if (!kill_reason_) {
    log::warning("collector: nvidia-smi process list loop ended (" +
                 std::string(name_of(why.kind)) + ": " + why.message + "); restarting it");
    if (on_exit_) on_exit_(why);
  }
  if (stopped_) return;
  restart_timer_.expires_after(loop_restart_delay(options_, failed_starts_));
  restart_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->launch();
  });
}

}  // namespace smistat::collect
