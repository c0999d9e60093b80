#include "src/collect/loop_child.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>

#include "src/collect/smi_results.hpp"

namespace smistat::collect {

namespace net = boost::asio;

namespace {

/** Enough of the end of the output to hold nvidia-smi's error text. */
constexpr std::size_t tail_bytes = 4096;

}  // namespace

std::shared_ptr<runner::stream_handle> start_loop_child(
    const net::any_io_executor& executor, runner::stream_launcher& launcher,
    runner::stream_request request, std::function<void(std::string_view bytes)> on_output,
    std::function<void(const runner::stream_exit& exit)> on_exit) {
  // The stream's handlers run on the owner's executor, so its output goes to the owner as it
  // is read: no copy of each chunk, no second trip through the scheduler. The exit still comes
  // by post, after everything the handler that saw it was doing.
  request.executor = executor;
  auto ended = std::make_shared<decltype(on_exit)>(std::move(on_exit));
  return launcher.start(std::move(request), std::move(on_output),
                        [executor, ended](runner::stream_exit exit) {
                          net::post(executor, [ended, exit = std::move(exit)] { (*ended)(exit); });
                        });
}

void keep_tail(std::string& tail, std::string_view bytes) {
  if (bytes.size() >= tail_bytes) {
    tail.assign(bytes.substr(bytes.size() - tail_bytes));
    return;
  }
  tail.append(bytes);
  if (tail.size() > tail_bytes) tail.erase(0, tail.size() - tail_bytes);
}

runner::run_result as_run_result(const runner::stream_exit& e, std::string_view tail) {
  runner::run_result r;
  r.outcome = e.outcome;
  r.exit_code = e.exit_code;
  r.signal = e.signal;
  r.out = std::string(tail);
  r.err = e.err;
  r.spawn_error = e.spawn_error;
  r.pid = e.pid;
  return r;
}

collection_error loop_end_reason(const runner::stream_exit& e, std::string_view tail,
                                 const std::optional<collection_error>& kill_reason,
                                 std::string_view ended_message) {
  if (kill_reason) return *kill_reason;
  return run_error(as_run_result(e, tail))
      .value_or(collection_error{collection_failure::loop_ended, 0, std::string(ended_message)});
}

std::chrono::steady_clock::duration loop_silence_allowed(const collector_options& o) {
  const auto intervals =
      std::chrono::duration_cast<std::chrono::milliseconds>(o.refresh_interval * 3);
  return std::max(intervals, o.run_timeout);
}

std::chrono::milliseconds loop_restart_delay(const collector_options& o, unsigned failed_starts) {
  if (failed_starts == 0) return o.loop_restart_delay;
  auto delay = o.loop_backoff_delay;
  for (unsigned i = 1; i < failed_starts && delay < o.loop_backoff_max_delay; ++i) delay *= 2;
  return std::min(delay, o.loop_backoff_max_delay);
}

}  // namespace smistat::collect
