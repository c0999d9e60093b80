#pragma once
// Runs the real nvidia-smi-replay binary as a child process with a chosen environment.

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smistat::test {

/** Variables set for one run; every inherited NVIDIA_SMI_REPLAY_* is cleared first. */
using env_vars = std::vector<std::pair<std::string, std::string>>;

/** What a finished run left behind. */
struct run_output {
  std::string out;
  std::string err;
  int exit_code = -1;   ///< when it exited
  int term_signal = 0;  ///< when a signal ended it
};

/** `fixtures/<name>`, the folder NVIDIA_SMI_REPLAY_DIR points at. */
std::filesystem::path machine_dir(std::string_view name);

/** Runs to completion (reading stdout and stderr to EOF); fails the test if it takes minutes. */
run_output run_replayer(const std::vector<std::string>& args, const env_vars& env);

/** A running replayer in its own process group, killed and reaped on destruction. */
class replayer_process {
 public:
  replayer_process(const std::vector<std::string>& args, const env_vars& env);
  ~replayer_process();
  replayer_process(const replayer_process&) = delete;
  replayer_process& operator=(const replayer_process&) = delete;

  /** The child's pid, which is also its process group id. */
  pid_t pid() const noexcept { return pid_; }
  /** Reads stdout until `done(all stdout so far)` holds; false at EOF or after a long guard. */
  bool read_until(const std::function<bool(std::string_view)>& done);
  /** Reads stdout and stderr until both reach EOF (bounded by the same guard). */
  bool read_to_eof();
  /** Reads whatever stdout and stderr hold right now, without waiting for more. */
  void read_available();
  /** Whether stdout has reached EOF right now, without waiting. */
  bool stdout_closed_now();
  /** Waits for the child to end; false if it is still running after the guard. */
  bool wait();
  /** Sends `signal` to the child's whole process group. */
  void signal_group(int signal) const;

  const std::string& out() const noexcept { return out_; }
  const std::string& err() const noexcept { return err_; }
  /** Exit code, or -1 when a signal ended it (or it was not waited for). */
  int exit_code() const noexcept { return exit_code_; }
  /** The signal that ended it, 0 otherwise. */
  int term_signal() const noexcept { return term_signal_; }

 private:
  bool pump(int timeout_ms);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool reaped_ = false;
  int exit_code_ = -1;
  int term_signal_ = 0;
  std::string out_;
  std::string err_;
};

/** A line of /proc/<pid>/status without its key (`State`, `SigIgn`, ...); empty if gone. */
std::string proc_status(pid_t pid, std::string_view key);

/** Polls `condition` until it holds; false if it never does within the guard. */
bool eventually(const std::function<bool()>& condition);

/** Whether the replayer `pid` has started and is blocked (asleep), e.g. in a hang fault. */
bool is_asleep_in_replayer(pid_t pid);

}  // namespace smistat::test
