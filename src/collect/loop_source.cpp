#include "src/collect/loop_source.hpp"

#include <algorithm>
#include <utility>

#include "parsers/smi_failure.hpp"
#include "src/collect/loop_child.hpp"
#include "src/collect/smi_commands.hpp"
#include "src/common/log.hpp"

namespace smistat::collect {

namespace net = boost::asio;

loop_source::loop_source(net::any_io_executor executor, runner::stream_launcher& launcher,
                         const collector_options& options, loop_events events)
    : executor_(std::move(executor)),
      launcher_(launcher),
      options_(options),
      events_(std::move(events)),
      watchdog_(executor_),
      restart_timer_(executor_) {}

void loop_source::start() {
  health_ = {};
  launch();
}

void loop_source::restart() {
  if (stopped_) return;
  watchdog_.cancel();
  restart_timer_.cancel();
  // launch() numbers the new child, so the old one's late output and exit are ignored.
  if (child_) child_->stop();
  child_.reset();
  launch();
}

void loop_source::expect_rows(std::size_t n) {
  if (!batcher_ || n == 0) return;
  batcher_->set_expected_rows(n);
  // A batch the new count completes is returned by the next feed: hand it over now.
  on_output(child_number_, {});
}

void loop_source::stop() {
  stopped_ = true;
  watchdog_.cancel();
  restart_timer_.cancel();
  if (child_) child_->stop();
  child_.reset();
  health_.pid = -1;
  // The events hold the collector, which holds this loop: let go of it.
  events_ = {};
}

void loop_source::launch() {
  if (stopped_) return;
  const auto fields = events_.fields();
  fields_.assign(fields.begin(), fields.end());
  columns_ = gpu_columns(fields_, std::move(columns_));
  const auto index = static_cast<std::size_t>(
      std::find_if(fields_.begin(), fields_.end(), [](const auto& f) { return f.key == "index"; }) -
      fields_.begin());
  batcher_.emplace(index, events_.expected_rows());
  tail_.clear();
  kill_reason_.reset();
  got_batch_ = false;
  const auto number = ++child_number_;
  if (number > 1) ++health_.restarts;
  runner::stream_request request;
  request.program = options_.program;
  request.args = loop_query_args(options_, fields_);
  auto self = shared_from_this();
  child_ = start_loop_child(
      executor_, launcher_, std::move(request),
      [self, number](std::string_view bytes) { self->on_output(number, bytes); },
      [self, number](const runner::stream_exit& exit) { self->on_exit(number, exit); });
  health_.pid = child_ ? child_->pid() : -1;
  arm_watchdog();
}

void loop_source::on_output(std::uint64_t child, std::string_view bytes) {
  if (stopped_ || child != child_number_ || !batcher_) return;
  if (!bytes.empty()) health_.last_line = wall_clock::now();
  keep_tail(tail_, bytes);
  for (auto& batch : batcher_->feed(bytes)) {
    auto outcome = read_gpu_rows(batch, columns_);
    if (outcome.table) {
      got_batch_ = true;
      failed_starts_ = 0;
      ++health_.batches;
      last_batch_ = std::chrono::steady_clock::now();
      // The GPU count can change (a GPU lost or back); batches follow what nvidia-smi prints.
      batcher_->set_expected_rows(outcome.table->rows.size() + outcome.table->lost.size());
    }
    events_.on_batch(std::move(outcome));
    if (stopped_ || child != child_number_) return;
  }
}

void loop_source::on_exit(std::uint64_t child, const runner::stream_exit& exit) {
  if (stopped_ || child != child_number_) return;
  watchdog_.cancel();
  child_.reset();
  health_.pid = -1;
  std::string rejected;
  if (auto last = batcher_->finish()) {
    // What the child printed last may be a whole batch, or nvidia-smi's error text.
    auto outcome = read_gpu_rows(*last, columns_);
    rejected = outcome.rejected_field;
    if (outcome.table) events_.on_batch(std::move(outcome));
  }
  const auto why = loop_end_reason(exit, tail_, kill_reason_, "nvidia-smi's loop exited");
  if (rejected.empty() && why.kind == collection_failure::invalid_field)
    rejected = parsers::classify_failure(exit.exit_code, tail_, exit.err).field;
  if (!got_batch_) ++failed_starts_;
  events_.on_exit(why, rejected);
  if (stopped_) return;
  // A rejected field is fixed by the next start; anything else waits, longer each time the
  // child fails again, so a broken driver is not hammered.
  schedule_restart(rejected.empty() ? loop_restart_delay(options_, failed_starts_)
                                    : std::chrono::milliseconds(0));
}

void loop_source::schedule_restart(std::chrono::milliseconds delay) {
  restart_timer_.expires_after(delay);
  restart_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->launch();
  });
}

void loop_source::arm_watchdog() {
  // A child that stops printing (a wedged GPU, a hung driver call) is killed and restarted.
  // Armed once per child and re-armed only when it fires: a batch just notes its time, so a
  // sample costs no timer cancel and wait.
  last_batch_ = std::chrono::steady_clock::now();
  watchdog_.expires_at(last_batch_ + loop_silence_allowed(options_));
  watchdog_.async_wait([self = shared_from_this(), child = child_number_](
                           boost::system::error_code ec) { self->on_watchdog(ec, child); });
}

void loop_source::on_watchdog(boost::system::error_code ec, std::uint64_t child) {
  if (ec || stopped_ || child != child_number_ || !child_) return;
  if (const auto due = last_batch_ + loop_silence_allowed(options_);
      std::chrono::steady_clock::now() < due) {
    // A batch came since the timer was set: look again a deadline after it.
    watchdog_.expires_at(due);
    watchdog_.async_wait([self = shared_from_this(), child](boost::system::error_code e) {
      self->on_watchdog(e, child);
    });
    return;
  }
  log::warning("collector: nvidia-smi loop printed no complete batch in time; restarting it");
  kill_reason_ = collection_error{collection_failure::timed_out, 0,
                                  "nvidia-smi loop printed no batch in time"};
  child_->stop();
}

}  // namespace smistat::collect
