#pragma once
// Shared by the stream tests: a recorder for one stream's handlers and a launcher whose
// io_context runs on a background thread, so a test can wait for what a running child does.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "src/runner/process_stream_launcher.hpp"
#include "tests/runner/child_checks.hpp"

namespace smistat::runner::test {

/** Records one stream: its stdout, the moment `marker` has arrived, and its exit. Handlers hold
 *  it by shared_ptr, so it outlives a test that gave up early. */
class stream_recorder : public std::enable_shared_from_this<stream_recorder> {
 public:
  explicit stream_recorder(std::string marker = {}) : marker_(std::move(marker)) {}

  stream_output_handler output() {
    return [self = shared_from_this()](std::string_view bytes) { self->on_output(bytes); };
  }
  stream_exit_handler exit() {
    return [self = shared_from_this()](stream_exit e) { self->on_exit(std::move(e)); };
  }

  /** True once stdout has contained the marker, within `limit`. */
  bool wait_marker(std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    return marker_seen_.wait_for(limit) == std::future_status::ready;
  }
  /** True when the exit handler has run within `limit`. */
  bool wait_exit(std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    return exit_seen_.wait_for(limit) == std::future_status::ready;
  }
  /** After wait_exit(): the exit, and stdout as it was when the exit handler ran. */
  const stream_exit& result() const { return exit_; }
  const std::string& text() const { return text_at_exit_; }
  std::size_t bytes() const { return bytes_.load(); }
  /** Handler calls for this stream that overlapped another, or came after the exit. */
  int misordered() const { return misordered_.load(); }
  int exits() const { return exits_.load(); }

 private:
  void on_output(std::string_view bytes) {
    enter();
    if (exits_.load() > 0) ++misordered_;
    text_.append(bytes);
    bytes_ += bytes.size();
    if (!marker_.empty() && !marker_fired_ && text_.find(marker_) != std::string::npos) {
      marker_fired_ = true;
      marker_promise_.set_value();
    }
    leave();
  }
  void on_exit(stream_exit e) {
    enter();
    if (exits_++ == 0) {
      exit_ = std::move(e);
      text_at_exit_ = text_;
      exit_promise_.set_value();
    }
    leave();
  }
  void enter() {
    if (busy_.exchange(true)) ++misordered_;
    std::this_thread::yield();  // widen the window a concurrent call would need
  }
  void leave() { busy_ = false; }

  std::string marker_;
  std::string text_;
  std::string text_at_exit_;
  bool marker_fired_ = false;
  std::promise<void> marker_promise_;
  std::future<void> marker_seen_ = marker_promise_.get_future();
  std::promise<void> exit_promise_;
  std::future<void> exit_seen_ = exit_promise_.get_future();
  stream_exit exit_;
  std::atomic<std::size_t> bytes_{0};
  std::atomic<bool> busy_{false};
  std::atomic<int> misordered_{0};
  std::atomic<int> exits_{0};
};

/** A process_stream_launcher with quick escalation, on an io_context run by `threads` threads
 *  until the test ends; TearDown stops what a failed test left running. */
class stream_test : public ::testing::Test {
 protected:
  explicit stream_test(int threads = 1) {
    for (int i = 0; i < threads; ++i) io_.emplace_back([this] { context_.run(); });
  }
  void TearDown() override {
    launcher_.cancel_all();
    guard_.reset();
    for (auto& t : io_) t.join();
  }

  /** Starts `program` with `args` and returns the handle and the recorder of its handlers. */
  std::pair<std::shared_ptr<stream_handle>, std::shared_ptr<stream_recorder>> start(
      std::string program, std::vector<std::string> args = {}, std::string marker = {}) {
    auto recorder = std::make_shared<stream_recorder>(std::move(marker));
    stream_request request;
    request.program = std::move(program);
    request.args = std::move(args);
    auto handle = launcher_.start(std::move(request), recorder->output(), recorder->exit());
    return {std::move(handle), std::move(recorder)};
  }

  boost::asio::io_context context_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_ =
      boost::asio::make_work_guard(context_);
  process_stream_launcher launcher_{context_.get_executor(), quick_options()};
  std::vector<std::thread> io_;
};

/** True when `pid` exists and is not a zombie. */
inline bool is_running(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const auto paren = text.rfind(')');
  return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z' &&
         text[paren + 2] != 'X';
}

}  // namespace smistat::runner::test
