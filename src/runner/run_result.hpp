#pragma once
// What one run of a program produced. The runner is a seam: the collector only sees this.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace smistat::runner {

/** How a run ended. Each is a distinct, reported outcome. */
enum class run_outcome {
  exited,             ///< the child exited by itself (any exit code; see exit_code)
  spawn_failed,       ///< the program is missing or not executable (see spawn_error)
  timed_out,          ///< the deadline passed; the process group was killed
  output_too_large,   ///< stdout or stderr passed the byte cap; the child was killed
  killed_by_signal,   ///< the child died from a signal it was not sent by us
};

struct run_result {
  run_outcome outcome = run_outcome::exited;
  int exit_code = -1;  ///< valid when outcome == exited
  int signal = 0;      ///< valid when outcome == killed_by_signal
  std::string out;     ///< stdout (possibly partial when timed out / too large)
  std::string err;     ///< stderr
  std::chrono::nanoseconds elapsed{};
  std::string spawn_error;  ///< errno text for spawn_failed ("No such file or directory")

  bool ok() const noexcept { return outcome == run_outcome::exited && exit_code == 0; }
};

std::string_view to_string(run_outcome o) noexcept;

/** A request to run `program` with `args` (argv[1..], never a shell). */
struct run_request {
  std::string program;
  std::vector<std::string> args;
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_output_bytes = 16 * 1024 * 1024;
};

/** Completion callback; called exactly once, on the runner's executor. */
using run_handler = std::function<void(run_result)>;

/** The seam the collector depends on: start a run, get the result later. */
class async_runner {
 public:
  virtual ~async_runner() = default;
  virtual void async_run(run_request request, run_handler handler) = 0;
  /** Kills every run in flight (their handlers still complete, as timed_out). */
  virtual void cancel_all() = 0;
};

}  // namespace smistat::runner
