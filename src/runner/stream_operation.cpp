#include "src/runner/stream_operation.hpp"

#include <signal.h>

#include <boost/asio/post.hpp>
#include <string_view>

#include "src/common/log.hpp"

namespace smistat::runner::detail {

namespace net = boost::asio;

stream_operation::stream_operation(net::any_io_executor executor, stream_request request,
                                   stream_output_handler on_output, stream_exit_handler on_exit,
                                   runner_options options,
                                   std::shared_ptr<stream_registry> registry)
    : strand_(net::make_strand(executor)),
      request_(std::move(request)),
      on_output_(std::move(on_output)),
      on_exit_(std::move(on_exit)),
      options_(options),
      registry_(std::move(registry)),
      child_(strand_),
      timer_(strand_) {}

void stream_operation::start() {
  // Nothing is on the strand yet and cancel_all cannot see this stream before add(), so the
  // launch may touch child_ from the calling thread.
  auto error = child_.start(request_.program, request_.args, options_.launch);
  if (error.empty()) pid_ = child_.pid();
  id_ = registry_->add(shared_from_this());
  if (!error.empty()) {
    stream_exit failed;
    failed.outcome = run_outcome::spawn_failed;
    failed.spawn_error = std::move(error);
    net::post(strand_, [self = shared_from_this(), failed = std::move(failed)]() mutable {
      self->finish(std::move(failed));
    });
    return;
  }
  net::post(strand_, [self = shared_from_this()] { self->do_start(); });
}

void stream_operation::stop() {
  net::post(strand_, [self = shared_from_this()] { self->on_stop(); });
}

void stream_operation::do_start() {
  do_read_out();
  do_read_err();
  child_.async_wait([self = shared_from_this()] { self->on_wait(); });
}

void stream_operation::do_read_out() {
  child_.out().async_read_some(
      net::buffer(out_chunk_),
      [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read_out(ec, n); });
}

void stream_operation::on_read_out(error_code ec, std::size_t n) {
  if (ec) {  // EOF, or we closed the pipe
    error_code ignored;
    child_.out().close(ignored);
    maybe_finish();
    return;
  }
  if (on_output_) on_output_(std::string_view(out_chunk_.data(), n));
  if (child_.out().is_open()) do_read_out();
}

void stream_operation::do_read_err() {
  child_.err().async_read_some(
      net::buffer(err_chunk_),
      [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read_err(ec, n); });
}

void stream_operation::on_read_err(error_code ec, std::size_t n) {
  if (ec) {
    error_code ignored;
    child_.err().close(ignored);
    maybe_finish();
    return;
  }
  // Keep the tail: a child that warns on every loop would otherwise fill the cap with old
  // warnings and lose the message it printed when it died.
  err_.append(err_chunk_.data(), n);
  if (err_.size() > request_.max_stderr_bytes)
    err_.erase(0, err_.size() - request_.max_stderr_bytes);
  if (child_.err().is_open()) do_read_err();
}

void stream_operation::on_wait() {
  if (phase_ == phase::running && child_.pipes_open()) {
    phase_ = phase::lingering;
    arm_timer(options_.drain_linger);
    return;
  }
  maybe_finish();
}

void stream_operation::arm_timer(std::chrono::milliseconds after) {
  // A timer that already fired cannot be cancelled; the generation tells stale handlers apart.
  const auto generation = ++timer_generation_;
  timer_.expires_after(after);
  timer_.async_wait(
      [self = shared_from_this(), generation](error_code ec) { self->on_timer(ec, generation); });
}

void stream_operation::on_timer(error_code ec, std::uint64_t generation) {
  if (ec || generation != timer_generation_) return;
  switch (phase_) {
    case phase::lingering: end_linger(); break;
    case phase::terminating: begin_kill(); break;
    case phase::killing:
      log::warning("runner: stream pid " + std::to_string(pid_) +
                   " not reaped after SIGKILL; ending the stream without it");
      finish(make_exit());
      break;
    case phase::running:
    case phase::done: break;
  }
}

void stream_operation::on_stop() {
  switch (phase_) {
    case phase::running:
      stopped_ = true;
      begin_termination();
      break;
    case phase::lingering: end_linger(); break;  // the child already ended by itself
    case phase::terminating:
    case phase::killing:
    case phase::done: break;
  }
}

void stream_operation::begin_termination() {
  phase_ = phase::terminating;
  child_.signal_group(SIGTERM);
  arm_timer(options_.kill_grace);
}

void stream_operation::begin_kill() {
  phase_ = phase::killing;
  child_.signal_group(SIGKILL);
  child_.close_pipes();  // abandon them even if a grandchild that escaped the group keeps them open
  arm_timer(options_.kill_grace);
  maybe_finish();
}

void stream_operation::end_linger() {
  // The child is gone; whatever still holds its pipes belongs to the stream and goes with it.
  child_.signal_group(SIGKILL);
  child_.close_pipes();
  maybe_finish();
}

void stream_operation::maybe_finish() {
  if (phase_ == phase::done || !child_.reaped() || child_.pipes_open()) return;
  finish(make_exit());
}

void stream_operation::finish(stream_exit exit) {
  phase_ = phase::done;
  ++timer_generation_;
  timer_.cancel();
  child_.close_pipes();
  registry_->remove(id_);
  // Posted, so reads completed before the pipes closed hand their bytes over first. The
  // handlers are released afterwards: they may hold whoever holds this stream's handle.
  net::post(strand_, [self = shared_from_this(), exit = std::move(exit)]() mutable {
    auto on_exit = std::move(self->on_exit_);
    self->on_output_ = nullptr;
    if (on_exit) on_exit(std::move(exit));
  });
}

stream_exit stream_operation::make_exit() {
  stream_exit e;
  e.pid = pid_;
  e.err = std::move(err_);
  e.stopped_by_us = stopped_;
  const auto ending = child_.ending();
  e.signal = ending.signal;
  if (stopped_) {
    e.outcome = run_outcome::timed_out;
  } else {
    e.outcome = ending.outcome;
    e.exit_code = ending.exit_code;
  }
  return e;
}

}  // namespace smistat::runner::detail
