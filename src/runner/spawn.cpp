#include "src/runner/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
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

/** Why a launch failed: the errno, and the step when it was not the exec itself. */
struct launch_error {
  int code = 0;
  std::string step;  ///< "posix_spawn settings", "pidfd_open"...; empty for the exec
};

// ---- posix_spawn ---------------------------------------------------------------------------

/** posix_spawn's attribute and file-action objects, released with the scope. */
struct spawn_settings {
  posix_spawnattr_t attr{};
  posix_spawn_file_actions_t actions{};

  spawn_settings() {
    ::posix_spawnattr_init(&attr);
    ::posix_spawn_file_actions_init(&actions);
  }
  ~spawn_settings() {
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
  }
  spawn_settings(const spawn_settings&) = delete;
  spawn_settings& operator=(const spawn_settings&) = delete;

  /** What the child does before exec; 0, or the errno of the first setting refused. */
  int configure(int in_fd, int out_fd, int err_fd) {
    // Our own group, so a deadline can signal nvidia-smi and anything it started. A blocked or
    // ignored SIGTERM/SIGPIPE in the service must not make the child immune to it either.
    const auto flags =
        static_cast<short>(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    sigset_t none;
    sigset_t all;
    ::sigemptyset(&none);
    ::sigfillset(&all);
    const int results[] = {
        ::posix_spawnattr_setflags(&attr, flags),
        ::posix_spawnattr_setpgroup(&attr, 0),
        ::posix_spawnattr_setsigmask(&attr, &none),
        ::posix_spawnattr_setsigdefault(&attr, &all),
        // The pipes' write ends are close-on-exec; dup2 gives the copies on 0-2 a clear flag.
        ::posix_spawn_file_actions_adddup2(&actions, in_fd, STDIN_FILENO),
        ::posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO),
        ::posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO),
        // Sockets opened elsewhere in the service are not all close-on-exec.
        ::posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1),
    };
    for (const int rc : results) {
      if (rc != 0) return rc;
    }
    return 0;
  }
};

/** glibc's posix_spawn runs the child on its own small stack in the parent's memory, with
 *  signals blocked, until exec; an exec error comes back as the return value and that child is
 *  reaped inside posix_spawn. Nothing of ours runs in the child. */
int launch_with_posix_spawn(const std::filesystem::path& executable,
                            const std::vector<std::string>& args, int in_fd, int out_fd, int err_fd,
                            launch_error& error) {
  spawn_settings settings;
  if (const int rc = settings.configure(in_fd, out_fd, err_fd); rc != 0) {
    error = {rc, "posix_spawn settings"};
    return -1;
  }
  std::vector<char*> argv;
  argv.reserve(args.size() + 2);
  argv.push_back(const_cast<char*>(executable.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (const int rc = ::posix_spawn(&pid, executable.c_str(), &settings.actions, &settings.attr,
                                   argv.data(), environ);
      rc != 0) {
    error = {rc, ""};
    return -1;
  }
  return pid;
}

// ---- fork (Boost.Process default_launcher) -------------------------------------------------

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

/** Fork launches are serialised: the launcher's error pipe is not created close-on-exec, so a
 *  fork from another thread in that window would hold it open and stall this launch. */
std::mutex& fork_mutex() {
  static std::mutex mutex;
  return mutex;
}

void reap_blocking(int pid) noexcept {
  if (pid <= 0) return;
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

int launch_with_fork(const std::filesystem::path& executable, const std::vector<std::string>& args,
                     int in_fd, int out_fd, int err_fd, launch_error& error) {
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

// ---- common --------------------------------------------------------------------------------

spawn_outcome failure(const std::filesystem::path& executable, const launch_error& error) {
  spawn_outcome out;
  out.error = executable.string() + ": " + (error.step.empty() ? "" : error.step + ": ") +
              std::strerror(error.code);
  return out;
}

}  // namespace

spawn_outcome spawn_child(const std::filesystem::path& executable,
                          const std::vector<std::string>& args, int out_fd, int err_fd,
                          launch_method method) {
  const unique_fd null_in{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
  if (!null_in) return failure(executable, {errno, "/dev/null"});
  launch_error error;
  const int pid =
      method == launch_method::fork
          ? launch_with_fork(executable, args, null_in.get(), out_fd, err_fd, error)
          : launch_with_posix_spawn(executable, args, null_in.get(), out_fd, err_fd, error);
  if (pid <= 0) return failure(executable, error);
  spawn_outcome out;
  out.pid = pid;
  out.pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!out.pidfd) {
    const int saved = errno;
    ::kill(pid, SIGKILL);
    reap_blocking(pid);
    return failure(executable, {saved, "pidfd_open"});
  }
  return out;
}

}  // namespace smistat::runner::detail
