#pragma once
// One started child: the pipes its stdout and stderr arrive on, its process group and its
// reaping. Shared by one-shot runs and long-lived streams.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/process/v2/process.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "src/runner/run_result.hpp"
#include "src/runner/runner_options.hpp"
#include "src/runner/spawn.hpp"

namespace smistat::runner::detail {

/** How a reaped child ended, from its wait status. */
struct child_ending {
  run_outcome outcome = run_outcome::exited;  ///< exited or killed_by_signal
  int exit_code = -1;                         ///< when exited; -1 when the status was lost
  int signal = 0;                             ///< when killed_by_signal
};

/** A child whose stdout and stderr are read through the reactor and whose exit is awaited
 *  through a pidfd. Every call must run on the strand given at construction. */
class child_process {
 public:
  explicit child_process(const boost::asio::any_io_executor& strand);
  /** SIGKILL to the group if the child was never reaped; the process object then reaps it. */
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /** Finds `program` on PATH, makes the pipes and starts it (argv only). Empty on success,
   *  else why not, for run_result::spawn_error; then no child and no pipe is left. */
  std::string start(const std::string& program, const std::vector<std::string>& args,
                    launch_function launch);
  /** Waits for the exit; `on_reaped` runs on the strand once the child is reaped or the wait
   *  failed. It must keep this object's owner alive. */
  void async_wait(std::function<void()> on_reaped);
  /** Signals the child's group and, while it is unreaped, the child itself. */
  void signal_group(int sig) noexcept;
  void close_pipes() noexcept;

  boost::asio::readable_pipe& out() noexcept { return out_; }
  boost::asio::readable_pipe& err() noexcept { return err_; }
  bool pipes_open() const noexcept { return out_.is_open() || err_.is_open(); }
  /** The child's pid and group id; -1 before a successful start. */
  int pid() const noexcept { return pid_; }
  bool reaped() const noexcept { return reaped_; }
  /** How it ended; exited with exit_code -1 until it is reaped or when the status was lost. */
  child_ending ending() const noexcept;

 private:
  std::string open_pipe(boost::asio::readable_pipe& pipe, unique_fd& write_end);
  std::string adopt(spawn_outcome& child, const std::string& program);

  boost::asio::any_io_executor strand_;
  boost::asio::readable_pipe out_;
  boost::asio::readable_pipe err_;
  std::optional<boost::process::v2::process> process_;
  int pid_ = -1;
  bool reaped_ = false;
  bool wait_failed_ = false;
  int wait_status_ = 0;
};

}  // namespace smistat::runner::detail
