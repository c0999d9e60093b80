#include "src/runner/run_operation.hpp"

#include <signal.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <string>

#include "src/common/log.hpp"

namespace smistat::runner::detail {

namespace net = boost::asio;

run_operation::run_operation(net::any_io_executor handler_executor, run_request request,
                             run_handler handler, runner_options options,
                             std::shared_ptr<run_registry> registry)
    : handler_executor_(std::move(handler_executor)),
      strand_(net::make_strand(handler_executor_)),
      request_(std::move(request)),
      handler_(std::move(handler)),
      options_(options),
      registry_(std::move(registry)),
      child_(strand_),
      out_(child_.out()),
      err_(child_.err()),
      timer_(strand_) {}

void run_operation::start(std::uint64_t id) {
  id_ = id;
  net::post(strand_, [self = shared_from_this()] { self->do_start(); });
}

void run_operation::cancel() {
  net::post(strand_, [self = shared_from_this()] { self->on_cancel(); });
}

void run_operation::do_start() {
  started_ = clock::now();
  deadline_ = started_ + request_.timeout;
  if (auto error = child_.start(request_.program, request_.args, options_.launch); !error.empty()) {
    fail_spawn(std::move(error));
    return;
  }
  do_read(out_);
  do_read(err_);
  do_wait();
  arm_timer(deadline_);
}

void run_operation::do_read(stream& s) {
  s.pipe.async_read_some(
      net::buffer(s.chunk),
      [self = shared_from_this(), &s](error_code ec, std::size_t n) { self->on_read(s, ec, n); });
}

void run_operation::on_read(stream& s, error_code ec, std::size_t n) {
  if (ec) {  // EOF, or we closed the pipe
    error_code ignored;
    s.pipe.close(ignored);
    maybe_finish();
    return;
  }
  const auto room = request_.max_output_bytes - std::min(request_.max_output_bytes, s.data.size());
  s.data.append(s.chunk.data(), std::min(n, room));
  if (n > room) {
    if (reason_ == stop_reason::none) reason_ = stop_reason::output_too_large;
    if (phase_ != phase::killing && phase_ != phase::done) begin_kill();
    return;
  }
  if (s.pipe.is_open()) do_read(s);
}

void run_operation::do_wait() {
  child_.async_wait([self = shared_from_this()] { self->on_wait(); });
}

void run_operation::on_wait() {
  if (phase_ == phase::running && child_.pipes_open()) {
    phase_ = phase::lingering;
    arm_timer(std::min(clock::now() + options_.drain_linger, deadline_));
    return;
  }
  maybe_finish();
}

void run_operation::arm_timer(clock::time_point at) {
  // A timer that already fired cannot be cancelled; the generation tells stale handlers apart.
  const auto generation = ++timer_generation_;
  timer_.expires_at(at);
  timer_.async_wait(
      [self = shared_from_this(), generation](error_code ec) { self->on_timer(ec, generation); });
}

void run_operation::on_timer(error_code ec, std::uint64_t generation) {
  if (ec || generation != timer_generation_) return;
  switch (phase_) {
    case phase::running:
      if (reason_ == stop_reason::none) reason_ = stop_reason::timed_out;
      begin_termination();
      break;
    case phase::lingering: end_linger(); break;
    case phase::terminating: begin_kill(); break;
    case phase::killing:
      log::warning("runner: pid " + std::to_string(child_.pid()) +
                   " not reaped after SIGKILL; completing without it");
      finish(make_result());
      break;
    case phase::done: break;
  }
}

void run_operation::on_cancel() {
  if (phase_ == phase::done) return;
  cancelled_ = true;
  if (reason_ == stop_reason::none) reason_ = stop_reason::timed_out;
  if (phase_ == phase::running) begin_termination();
  if (phase_ == phase::lingering) end_linger();
}

void run_operation::begin_termination() {
  phase_ = phase::terminating;
  child_.signal_group(SIGTERM);
  arm_timer(clock::now() + options_.kill_grace);
}

void run_operation::begin_kill() {
  phase_ = phase::killing;
  child_.signal_group(SIGKILL);
  child_.close_pipes();  // abandon them even if a grandchild that escaped the group keeps them open
  arm_timer(clock::now() + options_.kill_grace);
  maybe_finish();
}

void run_operation::end_linger() {
  // The child is gone; whatever still holds its pipes belongs to the run and goes with it.
  child_.signal_group(SIGKILL);
  child_.close_pipes();
  maybe_finish();
}

void run_operation::maybe_finish() {
  if (phase_ == phase::done || !child_.reaped() || child_.pipes_open()) return;
  finish(make_result());
}

void run_operation::finish(run_result result) {
  phase_ = phase::done;
  ++timer_generation_;
  timer_.cancel();
  child_.close_pipes();
  registry_->remove(id_);
  net::post(handler_executor_,
            [handler = std::move(handler_), result = std::move(result)]() mutable {
              handler(std::move(result));
            });
}

run_result run_operation::make_result() {
  run_result r;
  r.pid = child_.pid();
  r.out = std::move(out_.data);
  r.err = std::move(err_.data);
  r.elapsed = clock::now() - started_;
  r.cancelled = cancelled_;
  const auto ending = child_.ending();
  r.signal = ending.signal;
  switch (reason_) {
    case stop_reason::output_too_large: r.outcome = run_outcome::output_too_large; break;
    case stop_reason::timed_out: r.outcome = run_outcome::timed_out; break;
    case stop_reason::none:
      r.outcome = ending.outcome;
      r.exit_code = ending.exit_code;
      break;
  }
  return r;
}

void run_operation::fail_spawn(std::string error) {
  run_result r;
  r.outcome = run_outcome::spawn_failed;
  r.spawn_error = std::move(error);
  r.elapsed = clock::now() - started_;
  finish(std::move(r));
}

}  // namespace smistat::runner::detail
