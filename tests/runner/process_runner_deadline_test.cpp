#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>

#include <sstream>

#include "src/runner/process_runner.hpp"
#include "tests/runner/child_checks.hpp"
#include "tests/runner/run_sync.hpp"

namespace smistat::runner {
namespace {

using namespace std::chrono_literals;
using test::run_sync;
using test::script;

run_request request_for(std::string program, std::vector<std::string> args,
                        std::chrono::milliseconds timeout) {
  run_request r;
  r.program = std::move(program);
  r.args = std::move(args);
  r.timeout = timeout;
  return r;
}

TEST(process_runner_deadline, a_child_past_its_deadline_is_terminated_and_reaped) {
  const auto r = run_sync(request_for("sleep", {"30"}, 300ms), test::quick_options());
  EXPECT_EQ(r.outcome, run_outcome::timed_out);
  EXPECT_EQ(r.signal, SIGTERM);
  EXPECT_FALSE(r.cancelled);
  EXPECT_GE(r.elapsed, 300ms);
  EXPECT_LT(r.elapsed, 10s);  // far below the 30 s sleep: we did not wait for it
  ASSERT_GT(r.pid, 0);
  EXPECT_TRUE(test::not_our_child(r.pid));
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner_deadline, a_child_ignoring_sigterm_gets_sigkill) {
  const auto r = run_sync(request_for(script("ignore-term.sh"), {}, 300ms), test::quick_options());
  EXPECT_EQ(r.outcome, run_outcome::timed_out);
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_EQ(r.out, "ready\n");  // output before the deadline is kept
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner_deadline, sigterm_blocked_in_the_service_is_not_inherited) {
  // The io thread that forks has SIGTERM blocked; the child must start with a clean mask or
  // only SIGKILL would reach it.
  sigset_t term, previous;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  ASSERT_EQ(pthread_sigmask(SIG_BLOCK, &term, &previous), 0);
  const auto r = run_sync(request_for("sleep", {"30"}, 200ms), test::quick_options());
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  EXPECT_EQ(r.outcome, run_outcome::timed_out);
  EXPECT_EQ(r.signal, SIGTERM);
}

TEST(process_runner_deadline, a_zero_timeout_times_out_at_once) {
  const auto r = run_sync(request_for("sleep", {"30"}, 0ms), test::quick_options());
  EXPECT_EQ(r.outcome, run_outcome::timed_out);
  EXPECT_TRUE(test::no_children_left());
}

// Documented behaviour: once the child has exited, a grandchild holding its pipes gets
// drain_linger (capped by the deadline); then the group is killed, the pipes are abandoned and
// the run reports the child's own exit status, not timed_out.
TEST(process_runner_deadline, a_grandchild_holding_the_pipes_does_not_hold_the_run) {
  const auto r =
      run_sync(request_for(script("grandchild-holds-stdout.sh"), {}, 2s), test::quick_options());
  EXPECT_EQ(r.outcome, run_outcome::exited);
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_LT(r.elapsed, 2s);  // completed on the linger, before the deadline
  int grandchild = 0;
  std::istringstream(r.out) >> grandchild;
  ASSERT_GT(grandchild, 0) << r.out;
  EXPECT_TRUE(test::becomes_dead(grandchild, 5s)) << "the background sleep survived";
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner_deadline, a_grandchild_past_the_deadline_is_killed_with_the_group) {
  auto options = test::quick_options();
  options.drain_linger = 10s;  // so the deadline, not the linger, ends the run
  const auto r = run_sync(request_for(script("grandchild-holds-stdout.sh"), {}, 300ms), options);
  EXPECT_EQ(r.outcome, run_outcome::exited);  // the child itself exited in time
  EXPECT_EQ(r.exit_code, 7);
  int grandchild = 0;
  std::istringstream(r.out) >> grandchild;
  ASSERT_GT(grandchild, 0) << r.out;
  EXPECT_TRUE(test::becomes_dead(grandchild, 5s));
}

}  // namespace
}  // namespace smistat::runner
