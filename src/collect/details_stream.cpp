#include "src/collect/details_stream.hpp"

#include <utility>

#include "src/collect/loop_child.hpp"
#include "src/collect/smi_commands.hpp"
#include "src/common/log.hpp"

namespace smistat::collect {

namespace net = boost::asio;

details_stream::details_stream(net::any_io_executor executor, runner::stream_launcher& launcher,
                               const collector_options& options, exit_handler on_exit)
    : executor_(std::move(executor)),
      launcher_(launcher),
      options_(options),
      on_exit_(std::move(on_exit)),
      restart_timer_(executor_),
      // As much as one run of `-q` may print.
      documents_(runner::run_request{}.max_output_bytes) {}

void details_stream::start() { launch(); }

void details_stream::stop() {
  stopped_ = true;
  restart_timer_.cancel();
  if (child_) child_->stop();
  child_.reset();
  // The handler holds the collector, which holds this stream: let go of it.
  on_exit_ = nullptr;
}

std::optional<details_outcome> details_stream::latest(clock::time_point now) {
  if (child_) {
    ready_.clear();
    child_->read_ready(ready_);
    if (!ready_.empty()) {
      printed_ = true;
      last_progress_ = now;
      keep_tail(tail_, ready_);
    }
    documents_.feed(ready_);
  }
  if (documents_.take_overflow()) {
    const collection_error why{collection_failure::output_too_large, 0,
                               "nvidia-smi -q loop printed a document over the output cap"};
    if (child_) replace(why);
    return details_outcome{std::nullopt, why};
  }
  if (const auto text = documents_.take())
    return details_outcome{parsers::parse_query_details(*text), std::nullopt};
  if (child_ && !kill_reason_ && now - last_progress_ > silence_allowed()) {
    const collection_error why{collection_failure::timed_out, 0,
                               "nvidia-smi -q loop printed nothing in time"};
    log::warning("collector: nvidia-smi -q loop is stuck; restarting it");
    replace(why);
    return details_outcome{std::nullopt, why};
  }
  return std::nullopt;
}

void details_stream::launch() {
  if (stopped_) return;
  last_progress_ = clock::now();
  tail_.clear();
  kill_reason_.reset();
  printed_ = false;
  documents_.drop_open();
  const auto number = ++child_number_;
  runner::stream_request request;
  request.program = options_.program;
  request.args = loop_details_args(options_);
  request.read_when_asked = true;
  auto self = shared_from_this();
  child_ = start_loop_child(
      executor_, launcher_, std::move(request),
      [self, number](std::string_view bytes) { self->on_output(number, bytes); },
      [self, number](const runner::stream_exit& exit) { self->on_exit(number, exit); });
}

void details_stream::on_output(std::uint64_t child, std::string_view bytes) {
  // What the child printed last, handed over before its exit.
  if (stopped_ || child != child_number_) return;
  if (!bytes.empty()) printed_ = true;
  keep_tail(tail_, bytes);
  documents_.feed(bytes);
}

void details_stream::on_exit(std::uint64_t child, const runner::stream_exit& exit) {
  if (stopped_ || child != child_number_) return;
  child_.reset();
  // Its last whole document is read at the next look.
  documents_.finish();
  const auto why = loop_end_reason(exit, tail_, kill_reason_, "nvidia-smi's -q loop exited");
  failed_starts_ = printed_ ? 0 : failed_starts_ + 1;
  // A child replaced for being stuck was reported when it was found so.
  if (!kill_reason_) {
    log::warning("collector: nvidia-smi -q loop ended (" + std::string(name_of(why.kind)) + ": " +
                 why.message + "); restarting it");
    if (on_exit_) on_exit_(why);
  }
  if (stopped_) return;
  restart_timer_.expires_after(loop_restart_delay(options_, failed_starts_));
  restart_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->launch();
  });
}

void details_stream::replace(const collection_error& why) {
  kill_reason_ = why;
  child_->stop();
}

details_stream::clock::duration details_stream::silence_allowed() const {
  // Silence between two documents is the interval itself; beyond it, as long as a GPU loop may.
  return std::chrono::duration_cast<clock::duration>(options_.details_interval) +
         loop_silence_allowed(options_);
}

}  // namespace smistat::collect
