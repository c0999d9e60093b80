#pragma once
// What one run of a program produced. The runner is a seam: the collector only sees this.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::runner {

/** How a run ended. Each is a distinct, reported outcome. */
enum class run_outcome {
  exited,            ///< the child exited by itself (any exit code; see exit_code)
  spawn_failed,      ///< the program is missing or not executable (see spawn_error)
  timed_out,         ///< the deadline passed; the process group was killed
  output_too_large,  ///< stdout or stderr passed the byte cap; the child was killed
  killed_by_signal,  ///< the child died from a signal it was not sent by us
};

/** Everything one run produced; out and err are kept even when the run failed. */
struct run_result {
  run_outcome outcome = run_outcome::exited;
  int exit_code = -1;  ///< valid when outcome == exited
  /// The signal that ended the child: for killed_by_signal, and also for timed_out /
  /// output_too_large when our SIGTERM or SIGKILL ended it (0 when it exited by itself).
  int signal = 0;
  std::string out;  ///< stdout (possibly partial when timed out / too large)
  std::string err;  ///< stderr
  std::chrono::nanoseconds elapsed{};
  std::string spawn_error;  ///< errno text for spawn_failed ("No such file or directory")
  int pid = -1;             ///< the child's pid (and process group id); -1 when never started
  bool cancelled = false;   ///< cancel_all ended the run (reported as timed_out)

  /** The child exited by itself with status 0. */
  bool ok() const noexcept { return outcome == run_outcome::exited && exit_code == 0; }
};

/** The enumerator's name ("exited", "spawn_failed", ...), for logs and the JSON health. */
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
