#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include "bench/launchers/launchers.hpp"

namespace smistat::bench {
namespace {

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

}  // namespace

/** glibc's posix_spawn runs the child on its own small stack in the parent's memory, with
 *  signals blocked, until exec; an exec error comes back as the return value and that child is
 *  reaped inside posix_spawn. Nothing of ours runs in the child. */
int launch_with_posix_spawn(const std::filesystem::path& executable,
                            const std::vector<std::string>& args, int in_fd, int out_fd, int err_fd,
                            runner::launch_error& error) {
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

}  // namespace smistat::bench
