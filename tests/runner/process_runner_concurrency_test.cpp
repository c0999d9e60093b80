#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio/io_context.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "src/runner/process_runner.hpp"
#include "tests/runner/child_checks.hpp"
#include "tests/runner/run_sync.hpp"

namespace smistat::runner {
namespace {

using namespace std::chrono_literals;
using test::run_sync;
using test::script;

void run_on_threads(boost::asio::io_context& context, int threads) {
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back([&context] { context.run(); });
  for (auto& t : pool) t.join();
}

run_request echo_request(int i) {
  run_request r;
  r.program = script("echo-both.sh");
  r.args = {"out" + std::to_string(i), "err" + std::to_string(i), std::to_string(i % 5)};
  r.timeout = 2s;
  return r;
}

TEST(process_runner_concurrency, many_runs_on_a_multithreaded_context) {
  constexpr int runs = 40;
  boost::asio::io_context context;
  process_runner runner(context.get_executor());
  std::mutex mutex;
  std::vector<run_result> results(runs);
  std::vector<int> calls(runs, 0);
  for (int i = 0; i < runs; ++i) {
    runner.async_run(echo_request(i), [&, i](run_result r) {
      const std::lock_guard lock(mutex);
      ++calls[static_cast<std::size_t>(i)];
      results[static_cast<std::size_t>(i)] = std::move(r);
    });
  }
  run_on_threads(context, 4);
  for (int i = 0; i < runs; ++i) {
    const auto& r = results[static_cast<std::size_t>(i)];
    EXPECT_EQ(calls[static_cast<std::size_t>(i)], 1) << i;
    EXPECT_EQ(r.outcome, run_outcome::exited) << i;
    EXPECT_EQ(r.exit_code, i % 5) << i;
    EXPECT_EQ(r.out, "out" + std::to_string(i));
    EXPECT_EQ(r.err, "err" + std::to_string(i));
  }
  EXPECT_EQ(runner.runs_in_flight(), 0u);
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner_concurrency, cancel_all_kills_every_run_in_flight) {
  boost::asio::io_context context;
  process_runner runner(context.get_executor(), test::quick_options());
  std::mutex mutex;
  std::vector<run_result> results;
  for (int i = 0; i < 3; ++i) {
    run_request r;
    r.program = "sleep";
    r.args = {"30"};
    r.timeout = 2s;
    runner.async_run(r, [&](run_result result) {
      const std::lock_guard lock(mutex);
      results.push_back(std::move(result));
    });
  }
  EXPECT_EQ(runner.runs_in_flight(), 3u);
  std::thread io([&context] { context.run(); });
  runner.cancel_all();  // queued behind each run's start on its strand, so the sleeps exist
  io.join();
  ASSERT_EQ(results.size(), 3u);
  for (const auto& r : results) {
    EXPECT_EQ(r.outcome, run_outcome::timed_out);
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(r.signal, SIGTERM);
  }
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner_concurrency, runs_after_cancel_all_are_unaffected) {
  boost::asio::io_context context;
  process_runner runner(context.get_executor());
  runner.cancel_all();
  run_result result;
  runner.async_run(echo_request(2), [&](run_result r) { result = std::move(r); });
  context.run();
  EXPECT_EQ(result.outcome, run_outcome::exited);
  EXPECT_FALSE(result.cancelled);
  EXPECT_EQ(result.exit_code, 2);
}

/** Every outcome's path: success, both spawn failures, oversized output and a timeout. */
run_request mixed_request(int i) {
  run_request r = echo_request(i);
  switch (i % 10) {
    case 1: r.program = "smistat-no-such-program"; break;
    case 2: r.program = "/nonexistent/program"; break;
    case 3:
      r.program = "head";
      r.args = {"-c", "999999", "/dev/zero"};
      r.max_output_bytes = 1000;
      break;
    case 4:
      r.program = "sleep";
      r.args = {"30"};
      r.timeout = 100ms;
      break;
    default: break;
  }
  return r;
}

TEST(process_runner_concurrency, no_descriptor_leaks_over_many_runs) {
  boost::asio::io_context context;
  process_runner runner(context.get_executor(), test::quick_options());
  auto start = [&](run_request r) { runner.async_run(std::move(r), [](run_result) {}); };
  start(echo_request(0));  // the context's reactor descriptors are created lazily
  context.run();
  context.restart();
  const auto before = test::open_fd_count();
  for (int i = 0; i < 50; ++i) start(mixed_request(i));
  context.run();
  EXPECT_EQ(test::open_fd_count(), before);
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner_concurrency, the_child_inherits_only_stdio) {
  // Not close-on-exec, like a socket some other part of the service might open.
  const int stray = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(stray, 0);
  run_request r;
  r.program = "ls";
  r.args = {"/proc/self/fd"};
  r.timeout = 2s;
  const auto result = run_sync(r);
  ::close(stray);
  EXPECT_TRUE(result.ok()) << result.err;
  EXPECT_EQ(result.out, "0\n1\n2\n3\n");  // 3 is ls's own handle on the directory
}

}  // namespace
}  // namespace smistat::runner
