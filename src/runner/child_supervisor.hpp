#pragma once
// The end of a child's life, the same for one-shot runs and streams: waiting for its exit, a
// short linger for a grandchild that still holds the pipes, ending the group on request
// (SIGTERM, SIGKILL after the kill grace, given up after one more grace), and saying once when
// it is over.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "src/runner/child_process.hpp"
#include "src/runner/runner_options.hpp"

namespace smistat::runner::detail {

/** Owns one child and its kill escalation. Every call must run on the strand given at
 *  construction, where the handlers run too. */
class child_supervisor {
 public:
  using clock = std::chrono::steady_clock;
  /** Called once: the child is reaped and both pipes are closed, or (`given_up`) it was not
   *  reaped a kill grace after SIGKILL and is left behind. */
  using over_handler = std::function<void(bool given_up)>;

  child_supervisor(const boost::asio::any_io_executor& strand, runner_options options);
  child_supervisor(const child_supervisor&) = delete;
  child_supervisor& operator=(const child_supervisor&) = delete;

  child_process& child() noexcept { return child_; }

  /** Starts watching the launched child. `owner` is kept alive while anything is pending.
   *  `on_deadline` runs when `deadline` passes while the child runs (clock::time_point::max():
   *  no deadline); the owner decides what that means, usually terminate(). */
  void watch(std::shared_ptr<void> owner, clock::time_point deadline,
             std::function<void()> on_deadline, over_handler on_over);

  /** While the child runs: SIGTERM to its group, SIGKILL after the kill grace. Once it has
   *  ended and only its pipes linger: what holds them is killed at once. Otherwise nothing. */
  void terminate();
  /** SIGKILL to the group now and the pipes abandoned, unless already killing or over. */
  void kill();
  /** Call when a pipe reached its end (and was closed): over once both are and it is reaped. */
  void pipe_closed();
  /** Stops the timers and closes the pipes; nothing is called after this. */
  void close();

  /** True until the child has been told to end or has ended by itself. */
  bool running() const noexcept { return phase_ == phase::running; }

 private:
  /// running: child alive; lingering: child reaped, a grandchild holds the pipes;
  /// terminating: SIGTERM sent; killing: SIGKILL sent and pipes abandoned.
  enum class phase { running, lingering, terminating, killing, over };
  using error_code = boost::system::error_code;

  void on_reaped();
  void arm_timer(clock::time_point at);
  void on_timer(error_code ec, std::uint64_t generation);
  void begin_termination();
  void end_linger();
  void maybe_over();
  void finish(bool given_up);

  child_process child_;
  runner_options options_;
  boost::asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;
  phase phase_ = phase::running;
  clock::time_point deadline_ = clock::time_point::max();
  std::shared_ptr<void> owner_;
  std::function<void()> on_deadline_;
  over_handler on_over_;
};

}  // namespace smistat::runner::detail
