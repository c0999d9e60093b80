#include "src/runner/process_stream_launcher.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/strand.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "tests/runner/child_checks.hpp"
#include "tests/runner/stream_recorder.hpp"

namespace smistat::runner {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::script;
using ::testing::HasSubstr;

using process_stream_launcher_test = test::stream_test;

TEST_F(process_stream_launcher_test, chunks_arrive_while_the_child_runs) {
  const auto gate = fs::temp_directory_path() / ("smistat-gate-" + std::to_string(::getpid()));
  fs::remove(gate);
  auto [handle, rec] = start(script("print-wait-print.sh"), {gate.string()}, "first\n");
  ASSERT_GT(handle->pid(), 0);
  ASSERT_TRUE(rec->wait_marker());
  // The child cannot have exited: it is waiting for the gate, which does not exist yet.
  EXPECT_TRUE(test::is_running(handle->pid()));
  EXPECT_EQ(rec->exits(), 0);
  std::ofstream(gate).put('\n');
  ASSERT_TRUE(rec->wait_exit());
  fs::remove(gate);
  EXPECT_EQ(rec->text(), "first\nsecond\n");
  EXPECT_EQ(rec->result().outcome, run_outcome::exited);
  EXPECT_EQ(rec->result().exit_code, 3);
  EXPECT_EQ(rec->result().signal, 0);
  EXPECT_FALSE(rec->result().stopped_by_us);
  EXPECT_EQ(rec->result().pid, handle->pid());
  EXPECT_EQ(rec->misordered(), 0);
  EXPECT_TRUE(test::no_children_left());
}

TEST_F(process_stream_launcher_test, a_signal_that_ends_the_child_is_reported) {
  auto [handle, rec] = start(script("kill-self.sh"));
  ASSERT_TRUE(rec->wait_exit());
  EXPECT_EQ(rec->text(), "before\n");
  EXPECT_EQ(rec->result().outcome, run_outcome::killed_by_signal);
  EXPECT_EQ(rec->result().signal, SIGUSR1);
  EXPECT_EQ(rec->result().exit_code, -1);
  EXPECT_FALSE(rec->result().stopped_by_us);
}

TEST_F(process_stream_launcher_test, stderr_keeps_its_last_bytes) {
  auto recorder = std::make_shared<test::stream_recorder>();
  stream_request request;
  request.program = script("echo-both.sh");
  request.args = {"out", "early warning, then the reason", "5"};
  request.max_stderr_bytes = 10;
  auto handle = launcher_.start(request, recorder->output(), recorder->exit());
  ASSERT_TRUE(recorder->wait_exit());
  EXPECT_EQ(recorder->result().err, "the reason");
  EXPECT_EQ(recorder->text(), "out");
  EXPECT_EQ(recorder->result().exit_code, 5);
}

TEST_F(process_stream_launcher_test, stop_ends_the_group_with_sigterm_once_from_any_thread) {
  auto [handle, rec] = start("sleep", {"30"});
  std::vector<std::thread> stoppers;
  for (int i = 0; i < 4; ++i) {
    stoppers.emplace_back([h = handle] {
      h->stop();
      h->stop();
    });
  }
  for (auto& t : stoppers) t.join();
  ASSERT_TRUE(rec->wait_exit());
  EXPECT_EQ(rec->result().outcome, run_outcome::timed_out);
  EXPECT_TRUE(rec->result().stopped_by_us);
  EXPECT_EQ(rec->result().signal, SIGTERM);
  handle->stop();  // after the end: nothing happens, the handler does not run again
  handle.reset();
  EXPECT_EQ(rec->exits(), 1);
  EXPECT_TRUE(test::not_our_child(rec->result().pid));
}

TEST_F(process_stream_launcher_test, stop_kills_a_child_that_ignores_sigterm) {
  auto [handle, rec] = start(script("ignore-term.sh"), {}, "ready\n");
  ASSERT_TRUE(rec->wait_marker());  // the trap is set before "ready" is printed
  const auto stopped_at = std::chrono::steady_clock::now();
  handle->stop();
  ASSERT_TRUE(rec->wait_exit());
  EXPECT_GE(std::chrono::steady_clock::now() - stopped_at, test::quick_options().kill_grace);
  EXPECT_EQ(rec->result().outcome, run_outcome::timed_out);
  EXPECT_EQ(rec->result().signal, SIGKILL);
  EXPECT_TRUE(rec->result().stopped_by_us);
  EXPECT_TRUE(test::no_children_left());  // its sleep, in the same group, is gone too
}

TEST_F(process_stream_launcher_test, dropping_the_handle_ends_the_child) {
  auto [handle, rec] = start("sleep", {"30"});
  const int pid = handle->pid();
  ASSERT_GT(pid, 0);
  handle.reset();
  ASSERT_TRUE(rec->wait_exit());
  EXPECT_TRUE(rec->result().stopped_by_us);
  EXPECT_EQ(rec->result().signal, SIGTERM);
  EXPECT_TRUE(test::not_our_child(pid));
}

TEST_F(process_stream_launcher_test, a_spawn_failure_is_reported_through_the_exit_handler) {
  for (const std::string program : {"/nonexistent/nvidia-smi", "smistat-no-such-program"}) {
    auto [handle, rec] = start(program);
    EXPECT_EQ(handle->pid(), -1);
    ASSERT_TRUE(rec->wait_exit()) << program;
    EXPECT_EQ(rec->result().outcome, run_outcome::spawn_failed);
    EXPECT_THAT(rec->result().spawn_error, HasSubstr(program));
    EXPECT_EQ(rec->result().pid, -1);
    EXPECT_EQ(rec->bytes(), 0u);
    handle->stop();  // harmless
  }
  EXPECT_EQ(launcher_.streams_running(), 0u);
  EXPECT_TRUE(test::no_children_left());
}

TEST_F(process_stream_launcher_test, a_grandchild_holding_stdout_does_not_keep_the_stream) {
  auto [handle, rec] = start(script("grandchild-holds-stdout.sh"));
  ASSERT_TRUE(rec->wait_exit());  // drain_linger after the child's exit, not the 30 s sleep
  EXPECT_EQ(rec->result().outcome, run_outcome::exited);
  EXPECT_EQ(rec->result().exit_code, 7);
  EXPECT_FALSE(rec->result().stopped_by_us);
  int grandchild = 0;
  std::istringstream(rec->text()) >> grandchild;
  ASSERT_GT(grandchild, 0) << rec->text();
  EXPECT_TRUE(test::becomes_dead(grandchild, 5s)) << "the background sleep survived";
  EXPECT_TRUE(test::no_children_left());
}

TEST_F(process_stream_launcher_test, cancel_all_stops_every_stream_and_later_ones_run) {
  std::vector<std::shared_ptr<test::stream_recorder>> recorders;
  std::vector<std::shared_ptr<stream_handle>> handles;
  for (int i = 0; i < 3; ++i) {
    auto [handle, rec] = start("sleep", {"30"});
    handles.push_back(handle);
    recorders.push_back(rec);
  }
  launcher_.cancel_all();
  for (const auto& rec : recorders) {
    ASSERT_TRUE(rec->wait_exit());
    EXPECT_EQ(rec->result().outcome, run_outcome::timed_out);
    EXPECT_TRUE(rec->result().stopped_by_us);
  }
  EXPECT_EQ(launcher_.streams_running(), 0u);
  auto [handle, rec] = start(script("echo-both.sh"), {"after", "", "0"});
  ASSERT_TRUE(rec->wait_exit());
  EXPECT_EQ(rec->result().outcome, run_outcome::exited);
  EXPECT_EQ(rec->text(), "after");
  EXPECT_TRUE(test::no_children_left());
}

// Two threads run the io_context, so only the strand keeps the handlers apart from the owner's
// other work: the loop children hand their output to the collector this way, without a post.
class stream_on_the_owners_strand_test : public test::stream_test {
 protected:
  stream_on_the_owners_strand_test() : test::stream_test(2) {}
};

TEST_F(stream_on_the_owners_strand_test, handlers_run_on_the_requests_executor) {
  const auto owner = boost::asio::make_strand(context_.get_executor());
  std::atomic<int> outside{0};
  std::atomic<int> calls{0};
  std::promise<void> exited;
  stream_request request;
  request.program = script("echo-both.sh");
  request.args = {"out", "err", "0"};
  request.executor = owner;
  auto handle = launcher_.start(
      std::move(request),
      [&](std::string_view) {
        ++calls;
        if (!owner.running_in_this_thread()) ++outside;
      },
      [&](stream_exit) {
        if (!owner.running_in_this_thread()) ++outside;
        exited.set_value();
      });
  ASSERT_EQ(exited.get_future().wait_for(10s), std::future_status::ready);
  EXPECT_GT(calls.load(), 0);
  EXPECT_EQ(outside.load(), 0);
}

}  // namespace
}  // namespace smistat::runner
