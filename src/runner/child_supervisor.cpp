#include "src/runner/child_supervisor.hpp"

#include <signal.h>

#include <algorithm>
#include <utility>

namespace smistat::runner::detail {

child_supervisor::child_supervisor(const boost::asio::any_io_executor& strand,
                                   runner_options options)
    : child_(strand), options_(options), timer_(strand) {}

void child_supervisor::watch(std::shared_ptr<void> owner, clock::time_point deadline,
                             std::function<void()> on_deadline, over_handler on_over) {
  owner_ = std::move(owner);
  deadline_ = deadline;
  on_deadline_ = std::move(on_deadline);
  on_over_ = std::move(on_over);
  child_.async_wait([this, keep = owner_] { on_reaped(); });
  if (deadline_ != clock::time_point::max()) arm_timer(deadline_);
}

void child_supervisor::on_reaped() {
  if (phase_ == phase::running && child_.pipes_open()) {
    phase_ = phase::lingering;
    const auto linger_end = clock::now() + options_.drain_linger;
    arm_timer(std::min(linger_end, deadline_));
    return;
  }
  maybe_over();
}

void child_supervisor::arm_timer(clock::time_point at) {
  // A timer that already fired cannot be cancelled; the generation tells stale handlers apart.
  const auto generation = ++timer_generation_;
  timer_.expires_at(at);
  timer_.async_wait([this, keep = owner_, generation](error_code ec) { on_timer(ec, generation); });
}

void child_supervisor::on_timer(error_code ec, std::uint64_t generation) {
  if (ec || generation != timer_generation_) return;
  switch (phase_) {
    case phase::running:
      if (on_deadline_) on_deadline_();
      break;
    case phase::lingering: end_linger(); break;
    case phase::terminating: kill(); break;
    case phase::killing: finish(true); break;
    case phase::over: break;
  }
}

void child_supervisor::terminate() {
  if (phase_ == phase::running) begin_termination();
  if (phase_ == phase::lingering) end_linger();
}

void child_supervisor::begin_termination() {
  phase_ = phase::terminating;
  child_.signal_group(SIGTERM);
  arm_timer(clock::now() + options_.kill_grace);
}

void child_supervisor::kill() {
  if (phase_ == phase::killing || phase_ == phase::over) return;
  phase_ = phase::killing;
  child_.signal_group(SIGKILL);
  child_.close_pipes();  // abandon them even if a grandchild that escaped the group keeps them open
  arm_timer(clock::now() + options_.kill_grace);
  maybe_over();
}

void child_supervisor::end_linger() {
  // The child is gone; whatever still holds its pipes belongs to it and goes with it.
  child_.signal_group(SIGKILL);
  child_.close_pipes();
  maybe_over();
}

void child_supervisor::pipe_closed() { maybe_over(); }

void child_supervisor::maybe_over() {
  if (phase_ == phase::over || !child_.reaped() || child_.pipes_open()) return;
  finish(false);
}

void child_supervisor::finish(bool given_up) {
  auto on_over = std::move(on_over_);
  close();
  if (on_over) on_over(given_up);
}

void child_supervisor::close() {
  phase_ = phase::over;
  ++timer_generation_;
  timer_.cancel();
  child_.close_pipes();
  on_deadline_ = nullptr;
  on_over_ = nullptr;
  owner_.reset();  // pending handlers keep their own copy until they run
}

}  // namespace smistat::runner::detail
