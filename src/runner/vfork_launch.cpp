#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "src/runner/exec_steps.hpp"
#include "src/runner/launch.hpp"

namespace smistat::runner {
namespace {

// posix_spawn cannot ask for a death signal, and fork's cost grows with the service's memory.
// vfork is what glibc's posix_spawn uses underneath: the child borrows the parent's memory and
// the calling thread waits until the child execs or exits. So the child runs only the
// async-signal-safe system calls below, on data the parent prepared, and reports a failure
// through that shared memory. (Re-executing our own binary as a trampoline would add a second
// exec of a large binary to every run.)

/** What the vfork child needs, prepared by the parent: the child allocates nothing. */
struct exec_plan {
  const char* path = nullptr;
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  int in_fd = -1;
  int out_fd = -1;
  int err_fd = -1;
  pid_t parent = -1;
  /** Written by the child when it cannot exec; read by the parent once vfork returns. */
  volatile int* child_errno = nullptr;
  const char* volatile child_step = nullptr;
};

/** `fd` as the child's descriptor `target`, without close-on-exec. */
bool install_fd(int fd, int target) noexcept {
  if (fd == target) return ::fcntl(fd, F_SETFD, 0) == 0;
  return ::dup2(fd, target) == target;
}

[[noreturn]] void child_fail(exec_plan& plan, int code, const char* step) noexcept {
  *plan.child_errno = code;
  plan.child_step = step;
  ::_exit(127);
}

/** The vfork child: the same start as posix_spawn's (own group, stdio, no other descriptor,
 *  default signals), plus the death signal, then exec. */
[[noreturn]] void exec_child(exec_plan& plan) noexcept {
  // The parent already gone: no death signal will ever come, so do not start nvidia-smi.
  if (!die_with_parent(plan.parent)) child_fail(plan, ESRCH, "parent death signal");
  if (::setpgid(0, 0) != 0) child_fail(plan, errno, "setpgid");
  if (!install_fd(plan.in_fd, STDIN_FILENO) || !install_fd(plan.out_fd, STDOUT_FILENO) ||
      !install_fd(plan.err_fd, STDERR_FILENO))
    child_fail(plan, errno, "dup2");
  // Sockets opened elsewhere in the service are not all close-on-exec.
  close_fd_range(STDERR_FILENO + 1, ~0U);
  reset_signals();
  ::execve(plan.path, plan.argv, plan.envp);
  child_fail(plan, errno, "");
}

/** Blocks every signal in the calling thread for the scope: no handler of the service may run
 *  in the vfork child, which shares its memory and stack. */
class signals_blocked {
 public:
  signals_blocked() noexcept {
    sigset_t all;
    ::sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &saved_);
  }
  ~signals_blocked() { ::pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  signals_blocked(const signals_blocked&) = delete;
  signals_blocked& operator=(const signals_blocked&) = delete;

 private:
  sigset_t saved_{};
};

/** Kept apart so no local of the caller lives across vfork's second return. */
pid_t vfork_exec(exec_plan& plan) noexcept {
  const pid_t pid = ::vfork();
  if (pid == 0) exec_child(plan);
  return pid;
}

}  // namespace

int launch_with_vfork(const std::filesystem::path& executable, const std::vector<std::string>& args,
                      int in_fd, int out_fd, int err_fd, launch_error& error) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 2);
  argv.push_back(const_cast<char*>(executable.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  volatile int child_errno = 0;
  exec_plan plan;
  plan.path = executable.c_str();
  plan.argv = argv.data();
  plan.envp = environ;
  plan.in_fd = in_fd;
  plan.out_fd = out_fd;
  plan.err_fd = err_fd;
  plan.parent = ::getpid();
  plan.child_errno = &child_errno;
  pid_t pid = -1;
  {
    const signals_blocked blocked;
    pid = vfork_exec(plan);
  }
  if (pid < 0) {
    error = {errno, "vfork"};
    return -1;
  }
  if (child_errno != 0) {
    reap_blocking(pid);  // it has exited already; the wait only collects it
    error = {child_errno, plan.child_step};
    return -1;
  }
  return pid;
}

}  // namespace smistat::runner
