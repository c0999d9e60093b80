#include "src/runner/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "src/runner/resolve_program.hpp"

namespace smistat::runner::detail {

namespace net = boost::asio;
using error_code = boost::system::error_code;

child_process::child_process(const net::any_io_executor& strand)
    : strand_(strand), out_(strand), err_(strand) {}

child_process::~child_process() {
  // Only reached unreaped when the io_context was torn down mid-run; process_'s destructor
  // then reaps the (killed) child synchronously.
  if (pid_ > 0 && !reaped_) signal_group(SIGKILL);
}

std::string child_process::start(const std::string& program, const std::vector<std::string>& args,
                                 launch_function launch) {
  const auto executable = resolve_program(program, current_search_path());
  if (!executable) return program.empty() ? "empty program name" : program + ": not found in PATH";
  unique_fd out_write;
  unique_fd err_write;
  auto error = open_pipe(out_, out_write);
  if (error.empty()) error = open_pipe(err_, err_write);
  if (!error.empty()) {
    close_pipes();
    return error;
  }
  auto child = spawn_child(*executable, args, out_write.get(), err_write.get(), launch);
  // Our copies of the write ends must go now, or EOF never arrives after the child exits.
  out_write.reset();
  err_write.reset();
  if (!child.ok()) {
    close_pipes();
    return std::move(child.error);
  }
  return adopt(child, program);
}

std::string child_process::open_pipe(net::readable_pipe& pipe, unique_fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::string("pipe: ") + std::strerror(errno);
  write_end.reset(fds[1]);
  error_code ec;
  pipe.assign(fds[0], ec);
  if (ec) {
    ::close(fds[0]);
    return "pipe: " + ec.message();
  }
  return {};
}

std::string child_process::adopt(spawn_outcome& child, const std::string& program) {
  pid_ = child.pid;
  try {
    process_.emplace(strand_, pid_, child.pidfd.get());
    child.pidfd.release();
    return {};
  } catch (const boost::system::system_error& e) {
    // The reactor refused the pidfd: we cannot wait asynchronously, so end the child here.
    signal_group(SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    close_pipes();
    return program + ": " + e.code().message();
  }
}

void child_process::async_wait(std::function<void()> on_reaped) {
  process_->async_wait([this, on_reaped = std::move(on_reaped)](error_code ec, int) {
    reaped_ = true;  // on error (ECHILD: SIGCHLD ignored elsewhere) there is nothing left to reap
    wait_failed_ = static_cast<bool>(ec);
    if (!ec) wait_status_ = process_->native_exit_code();
    // Forget the pid now: basic_process's destructor would waitpid() and SIGKILL it, and once
    // reaped the number may already belong to another child.
    process_->detach();
    process_.reset();
    on_reaped();
  });
}

void child_process::signal_group(int sig) noexcept {
  if (pid_ <= 0) return;
  ::kill(-pid_, sig);
  // Also the child itself, in case it left our group; safe while unreaped (pid not reusable).
  if (!reaped_) ::kill(pid_, sig);
}

void child_process::close_pipes() noexcept {
  error_code ignored;
  out_.close(ignored);
  err_.close(ignored);
}

child_ending child_process::ending() const noexcept {
  child_ending e;
  if (!reaped_ || wait_failed_) return e;  // unknown, or lost to another reaper
  if (WIFEXITED(wait_status_)) {
    e.exit_code = WEXITSTATUS(wait_status_);
  } else if (WIFSIGNALED(wait_status_)) {
    e.outcome = run_outcome::killed_by_signal;
    e.signal = WTERMSIG(wait_status_);
  }
  return e;
}

}  // namespace smistat::runner::detail
