#include "src/runner/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
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
#include <fstream>
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

/** In the child before exec: a blocked or ignored SIGTERM/SIGPIPE in the service must not make
 *  nvidia-smi immune to our deadline, so start from default dispositions and an empty mask.
 *  Dispositions first: a vfork child shares the parent's memory, so none of the service's
 *  handlers may run in it, and the parent blocked every signal before vfork. */
void reset_signals() noexcept {
  struct sigaction defaults {};
  defaults.sa_handler = SIG_DFL;
  ::sigemptyset(&defaults.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &defaults, nullptr);
  }
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

/** In the child before exec: SIGKILL when the parent dies, so no nvidia-smi outlives a service
 *  killed by SIGKILL or a crash (each child leads its own process group, so nothing else would
 *  end it). The parent may have died before the request was made; then the child has already
 *  been reparented and must not run at all. False when it must not go on to exec. */
bool die_with_parent(pid_t parent) noexcept {
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return false;
  return ::getppid() == parent;
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

// ---- vfork ---------------------------------------------------------------------------------
//
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

// ---- common --------------------------------------------------------------------------------

/** The #! line's interpreter of a script, or empty. */
std::string interpreter_of(const std::filesystem::path& script) {
  std::ifstream in(script, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line.rfind("#!", 0) != 0) return {};
  const auto start = line.find_first_not_of(" \t", 2);
  if (start == std::string::npos) return {};
  return line.substr(start, line.find_first_of(" \t\r", start) - start);
}

/** Why exec refused `executable`, when errno alone misleads: exec answers a directory and a file
 *  without execute permission with the same EACCES, and a script whose interpreter is missing
 *  with ENOENT although the script is there. Empty when there is nothing to add. */
std::string exec_failure_hint(const std::filesystem::path& executable, int code) {
  std::error_code ec;
  if (code == EACCES && std::filesystem::is_directory(executable, ec)) return "it is a directory";
  if (code == EACCES && std::filesystem::is_regular_file(executable, ec) &&
      ::access(executable.c_str(), X_OK) != 0)
    return "not executable";
  if (code == ENOENT && std::filesystem::exists(executable, ec)) {
    const auto interpreter = interpreter_of(executable);
    return interpreter.empty() ? "its interpreter is missing"
                               : "its interpreter " + interpreter + " is missing";
  }
  return {};
}

spawn_outcome failure(const std::filesystem::path& executable, const launch_error& error) {
  spawn_outcome out;
  out.error = executable.string() + ": " + (error.step.empty() ? "" : error.step + ": ") +
              std::strerror(error.code);
  if (error.step.empty()) {
    if (const auto hint = exec_failure_hint(executable, error.code); !hint.empty())
      out.error += " (" + hint + ")";
  }
  return out;
}

}  // namespace

spawn_outcome spawn_child(const std::filesystem::path& executable,
                          const std::vector<std::string>& args, int out_fd, int err_fd,
                          launch_method method) {
  const unique_fd null_in{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
  if (!null_in) return failure(executable, {errno, "/dev/null"});
  launch_error error;
  int pid = -1;
  switch (method) {
    case launch_method::vfork:
      pid = launch_with_vfork(executable, args, null_in.get(), out_fd, err_fd, error);
      break;
    case launch_method::posix_spawn:
      pid = launch_with_posix_spawn(executable, args, null_in.get(), out_fd, err_fd, error);
      break;
    case launch_method::fork:
      pid = launch_with_fork(executable, args, null_in.get(), out_fd, err_fd, error);
      break;
  }
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
