// A stream started with read_when_asked: its stdout waits in the pipe until the owner asks, and
// what is left when the child ends still reaches the output handler, before the exit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/runner/child_checks.hpp"
#include "tests/runner/stream_recorder.hpp"

namespace smistat::runner {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using stream_read_when_asked = test::stream_test;

/** Asks until `want` has been read (the child prints when it likes) or 10 s have passed. */
std::string ask_until(stream_handle& handle, std::string_view want) {
  std::string read;
  for (int i = 0; i < 1000 && read.find(want) == std::string::npos; ++i) {
    handle.read_ready(read);
    if (read.find(want) == std::string::npos) std::this_thread::sleep_for(10ms);
  }
  return read;
}

TEST_F(stream_read_when_asked, output_waits_for_the_owner_and_the_rest_comes_before_the_exit) {
  const auto gate = fs::temp_directory_path() / ("smistat-asked-" + std::to_string(::getpid()));
  fs::remove(gate);
  auto recorder = std::make_shared<test::stream_recorder>();
  stream_request request;
  request.program = test::script("print-wait-print.sh");
  request.args = {gate.string()};
  request.read_when_asked = true;
  auto handle = launcher_.start(std::move(request), recorder->output(), recorder->exit());
  ASSERT_GT(handle->pid(), 0);

  // The child waits for the gate after its first line: the owner reads that line, and the
  // output handler never sees it.
  EXPECT_EQ(ask_until(*handle, "first\n"), "first\n");
  EXPECT_TRUE(test::is_running(handle->pid()));
  EXPECT_EQ(recorder->bytes(), 0U);
  std::string nothing;
  handle->read_ready(nothing);
  EXPECT_EQ(nothing, "");

  // Nobody asks again: the last line is handed over as the child ends.
  std::ofstream(gate).put('\n');
  ASSERT_TRUE(recorder->wait_exit());
  fs::remove(gate);
  EXPECT_EQ(recorder->text(), "second\n");
  EXPECT_EQ(recorder->result().outcome, run_outcome::exited);
  EXPECT_EQ(recorder->result().exit_code, 3);
  EXPECT_EQ(recorder->misordered(), 0);
  std::string after_exit;
  handle->read_ready(after_exit);
  EXPECT_EQ(after_exit, "");
  EXPECT_TRUE(test::no_children_left());
}

TEST_F(stream_read_when_asked,
       a_batch_larger_than_a_default_pipe_waits_whole_and_one_look_takes_it) {
  // `-q` prints over 100 KB at once. The child writes 200,000 bytes nobody reads yet, then
  // marks that it is done: in a pipe of the default 64 KB it would block and never mark.
  const auto done = fs::temp_directory_path() / ("smistat-big-batch-" + std::to_string(::getpid()));
  fs::remove(done);
  auto recorder = std::make_shared<test::stream_recorder>();
  stream_request request;
  request.program = "/bin/sh";
  request.args = {"-c", "head -c 200000 /dev/zero | tr '\\0' x; : >\"$0\"; exec sleep 60",
                  done.string()};
  request.read_when_asked = true;
  auto handle = launcher_.start(std::move(request), recorder->output(), recorder->exit());
  ASSERT_GT(handle->pid(), 0);
  for (int i = 0; i < 2000 && !fs::exists(done); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(fs::exists(done)) << "the child could not write its batch without a reader";
  fs::remove(done);

  std::string read;
  handle->read_ready(read);
  EXPECT_EQ(read, std::string(200000, 'x'));
  std::string nothing;
  handle->read_ready(nothing);
  EXPECT_EQ(nothing, "");
}

TEST_F(stream_read_when_asked, a_stream_that_is_not_asked_hands_everything_to_the_handler) {
  auto [handle, recorder] = start(test::script("print-wait-print.sh"), {"/"}, "second\n");
  ASSERT_TRUE(recorder->wait_exit());
  std::string asked;
  handle->read_ready(asked);
  EXPECT_EQ(asked, "");
  EXPECT_EQ(recorder->text(), "first\nsecond\n");
}

}  // namespace
}  // namespace smistat::runner
