#include "src/runner/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>
#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>

namespace smistat::runner::detail {

namespace bp = boost::process::v2;

namespace {

/** Closes [first, last]; close_range may be missing (old kernel, seccomp), so fall back. */
void close_fd_range(unsigned first, unsigned last) noexcept {
  if (first > last) return;
  if (::close_range(first, last, 0) == 0) return;
  rlimit limit{};
  unsigned top = 1024;
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    top = static_cast<unsigned>(std::min<rlim_t>(limit.rlim_cur, INT_MAX));
  for (unsigned fd = first; fd <= last && fd < top; ++fd) ::close(static_cast<int>(fd));
}

/** In the forked child: closes every descriptor above stdio except those in `keep`.
 *  Boost 1.81's own close_all skips the gaps between whitelisted descriptors, and sockets
 *  opened elsewhere in the service are not close-on-exec. */
void close_inherited_fds(std::vector<int>& keep) noexcept {
  std::sort(keep.begin(), keep.end());
  unsigned first = 3;
  for (const int fd : keep) {
    if (fd < 0 || static_cast<unsigned>(fd) < first) continue;
    close_fd_range(first, static_cast<unsigned>(fd) - 1);
    first = static_cast<unsigned>(fd) + 1;
  }
  close_fd_range(first, ~0U);
}

/** In the forked child: a blocked or ignored SIGTERM/SIGPIPE in the service must not make
 *  nvidia-smi immune to our deadline, so start from an empty mask and default dispositions. */
void reset_signals() noexcept {
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction defaults {};
  defaults.sa_handler = SIG_DFL;
  ::sigemptyset(&defaults.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &defaults, nullptr);
  }
}

/** Launcher initializer; runs after process_stdio has dup2'ed the pipes onto 1 and 2. */
struct child_setup {
  bp::error_code on_exec_setup(bp::posix::default_launcher& launcher, const bp::filesystem::path&,
                               const char* const*) {
    // Our own group, so a deadline can signal nvidia-smi and anything it started.
    if (::setpgid(0, 0) != 0) return bp::error_code(errno, bp::system_category());
    reset_signals();
    close_inherited_fds(launcher.fd_whitelist);
    return {};
  }

  /** In the forked child after a failed exec (the errno is already on its way to the parent).
   *  Boost would go on to ::exit(), running atexit handlers and static destructors of a copy of
   *  a multithreaded service (and, under sanitizers, a leak scan that can deadlock there);
   *  _exit ends the child at once. Variadic because Boost 1.81 detects this hook with one
   *  argument list and calls it with another. */
  template <class... Args>
  void on_exec_error(Args&&...) noexcept {
    ::_exit(127);
  }
};

/** Spawns are serialised: the launcher's error pipe is not created close-on-exec, so a fork
 *  from another thread in that window would hold it open and stall this spawn. */
std::mutex& spawn_mutex() {
  static std::mutex mutex;
  return mutex;
}

void reap_blocking(int pid) noexcept {
  if (pid <= 0) return;
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

spawn_outcome failure(const std::filesystem::path& executable, const std::string& what) {
  spawn_outcome out;
  out.error = executable.string() + ": " + what;
  return out;
}

}  // namespace

spawn_outcome spawn_child(const std::filesystem::path& executable,
                          const std::vector<std::string>& args, int out_fd, int err_fd) {
  const unique_fd null_in{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
  if (!null_in) return failure("/dev/null", std::strerror(errno));

  const std::lock_guard lock(spawn_mutex());
  // The launcher calls notify_fork() on its executor's context. Asio forbids that while other
  // threads use the context, so fork against a private one and re-open the child afterwards.
  boost::asio::io_context fork_context;
  bp::posix::default_launcher launcher;
  bp::error_code ec;
  auto child = launcher(fork_context.get_executor(), ec, bp::filesystem::path(executable.string()),
                        args, bp::process_stdio{null_in.get(), out_fd, err_fd}, child_setup{});
  if (ec) {
    // A child that failed in exec or in child_setup has exited but is not reaped by Boost.
    reap_blocking(launcher.pid);
    return failure(executable, ec.message());
  }
  spawn_outcome out;
  out.pid = child.id();
  child.detach();  // drops Boost's pidfd on fork_context; the child keeps running
  out.pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, out.pid, 0)));
  if (!out.pidfd) {
    const int saved = errno;
    ::kill(out.pid, SIGKILL);
    reap_blocking(out.pid);
    return failure(executable, std::string("pidfd_open: ") + std::strerror(saved));
  }
  return out;
}

}  // namespace smistat::runner::detail
