#include "src/runner/run_operation.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>

#include "src/log.hpp"
#include "src/runner/resolve_program.hpp"
#include "src/runner/run_registry.hpp"
#include "src/runner/spawn.hpp"
#include "src/runner/unique_fd.hpp"

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
      out_(strand_),
      err_(strand_),
      timer_(strand_) {}

run_operation::~run_operation() {
  // Only reached unreaped when the io_context was torn down mid-run; process_'s destructor
  // then reaps the (killed) child synchronously.
  if (pid_ > 0 && !reaped_) signal_group(SIGKILL);
}

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
  if (!launch()) return;
  do_read(out_);
  do_read(err_);
  do_wait();
  arm_timer(deadline_);
}

bool run_operation::launch() {
  const auto executable = resolve_program(request_.program, current_search_path());
  if (!executable) {
    fail_spawn(request_.program.empty() ? std::string("empty program name")
                                        : request_.program + ": not found in PATH");
    return false;
  }
  unique_fd out_write;
  unique_fd err_write;
  if (!open_pipe(out_, out_write) || !open_pipe(err_, err_write)) return false;
  auto child =
      spawn_child(*executable, request_.args, out_write.get(), err_write.get(), options_.launch);
  // Our copies of the write ends must go now, or EOF never arrives after the child exits.
  out_write.reset();
  err_write.reset();
  if (!child.ok()) {
    fail_spawn(std::move(child.error));
    return false;
  }
  return adopt(child);
}

bool run_operation::open_pipe(stream& s, unique_fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    fail_spawn(std::string("pipe: ") + std::strerror(errno));
    return false;
  }
  write_end.reset(fds[1]);
  error_code ec;
  s.pipe.assign(fds[0], ec);
  if (ec) {
    ::close(fds[0]);
    fail_spawn("pipe: " + ec.message());
    return false;
  }
  return true;
}

bool run_operation::adopt(spawn_outcome& child) {
  pid_ = child.pid;
  try {
    process_.emplace(net::any_io_executor(strand_), pid_, child.pidfd.get());
    child.pidfd.release();
    return true;
  } catch (const boost::system::system_error& e) {
    // The reactor refused the pidfd: we cannot wait asynchronously, so end the child here.
    signal_group(SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    fail_spawn(request_.program + ": " + e.code().message());
    return false;
  }
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
  process_->async_wait([self = shared_from_this()](error_code ec, int) { self->on_wait(ec); });
}

void run_operation::on_wait(error_code ec) {
  reaped_ = true;  // on error (ECHILD: SIGCHLD ignored elsewhere) there is nothing left to reap
  wait_failed_ = static_cast<bool>(ec);
  if (!ec) wait_status_ = process_->native_exit_code();
  // Forget the pid now: basic_process's destructor would waitpid() and SIGKILL it, and once
  // reaped the number may already belong to another run's child.
  process_->detach();
  process_.reset();
  if (phase_ == phase::running && (out_.pipe.is_open() || err_.pipe.is_open())) {
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
      log::warning("runner: pid " + std::to_string(pid_) +
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
  signal_group(SIGTERM);
  arm_timer(clock::now() + options_.kill_grace);
}

void run_operation::begin_kill() {
  phase_ = phase::killing;
  signal_group(SIGKILL);
  close_pipes();  // abandon them even if a grandchild that escaped the group keeps them open
  arm_timer(clock::now() + options_.kill_grace);
  maybe_finish();
}

void run_operation::end_linger() {
  // The child is gone; whatever still holds its pipes belongs to the run and goes with it.
  signal_group(SIGKILL);
  close_pipes();
  maybe_finish();
}

void run_operation::signal_group(int sig) noexcept {
  if (pid_ <= 0) return;
  ::kill(-pid_, sig);
  // Also the child itself, in case it left our group; safe while unreaped (pid not reusable).
  if (!reaped_) ::kill(pid_, sig);
}

void run_operation::close_pipes() noexcept {
  error_code ignored;
  out_.pipe.close(ignored);
  err_.pipe.close(ignored);
}

void run_operation::maybe_finish() {
  if (phase_ == phase::done || !reaped_) return;
  if (out_.pipe.is_open() || err_.pipe.is_open()) return;
  finish(make_result());
}

void run_operation::finish(run_result result) {
  phase_ = phase::done;
  ++timer_generation_;
  timer_.cancel();
  close_pipes();
  registry_->remove(id_);
  net::post(handler_executor_,
            [handler = std::move(handler_), result = std::move(result)]() mutable {
              handler(std::move(result));
            });
}

run_result run_operation::make_result() {
  run_result r;
  r.pid = pid_;
  r.out = std::move(out_.data);
  r.err = std::move(err_.data);
  r.elapsed = clock::now() - started_;
  r.cancelled = cancelled_;
  const bool known = reaped_ && !wait_failed_;
  if (known && WIFSIGNALED(wait_status_)) r.signal = WTERMSIG(wait_status_);
  switch (reason_) {
    case stop_reason::output_too_large: r.outcome = run_outcome::output_too_large; break;
    case stop_reason::timed_out: r.outcome = run_outcome::timed_out; break;
    case stop_reason::none:
      if (known && WIFEXITED(wait_status_)) {
        r.exit_code = WEXITSTATUS(wait_status_);
      } else if (known && WIFSIGNALED(wait_status_)) {
        r.outcome = run_outcome::killed_by_signal;
      }  // else: status lost to another reaper; exited with exit_code -1
      break;
  }
  return r;
}

void run_operation::fail_spawn(std::string error) {
  run_result r;
  r.outcome = run_outcome::spawn_failed;
  r.spawn_error = std::move(error);
  r.elapsed = clock::now() - started_;
  close_pipes();
  finish(std::move(r));
}

}  // namespace smistat::runner::detail
