#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>
#include <cerrno>
#include <mutex>
#include <vector>

#include "bench/launchers/launchers.hpp"
#include "src/runner/exec_steps.hpp"

namespace smistat::bench {
namespace {

namespace bp = boost::process::v2;
using runner::close_fd_range;
using runner::die_with_parent;
using runner::reap_blocking;
using runner::reset_signals;

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

/** Launcher initializer; runs after process_stdio has dup2'ed the pipes onto 1 and 2. */
struct child_setup {
  pid_t parent = ::getpid();

  bp::error_code on_exec_setup(bp::posix::default_launcher& launcher, const bp::filesystem::path&,
                               const char* const*) {
    if (!die_with_parent(parent)) return bp::error_code(ESRCH, bp::system_category());
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

/** Fork launches are serialised: the launcher's error pipe is not created close-on-exec, so a
 *  fork from another thread in that window would hold it open and stall this launch. */
std::mutex& fork_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

int launch_with_fork(const std::filesystem::path& executable, const std::vector<std::string>& args,
                     int in_fd, int out_fd, int err_fd, runner::launch_error& error) {
  const std::lock_guard lock(fork_mutex());
  // The launcher calls notify_fork() on its executor's context. Asio forbids that while other
  // threads use the context, so fork against a private one and re-open the child afterwards.
  boost::asio::io_context fork_context;
  bp::posix::default_launcher launcher;
  bp::error_code ec;
  auto child = launcher(fork_context.get_executor(), ec, bp::filesystem::path(executable.string()),
                        args, bp::process_stdio{in_fd, out_fd, err_fd}, child_setup{});
  if (ec) {
    // A child that failed in exec or in child_setup has exited but is not reaped by Boost.
    reap_blocking(launcher.pid);
    error = {ec.value(), ""};
    return -1;
  }
  const int pid = child.id();
  child.detach();  // drops Boost's pidfd on fork_context; the child keeps running
  return pid;
}

}  // namespace smistat::bench
