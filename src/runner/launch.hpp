#pragma once
// Starting a child by one launch function: its own process group, stdin, stdout and stderr from
// the descriptors given, nothing else inherited, default signal handling, and the death signal.

#include <filesystem>
#include <string>
#include <vector>

namespace smistat::runner {

/** Why a launch failed: the errno, and the step when it was not the exec itself. */
struct launch_error {
  int code = 0;
  std::string step;  ///< "vfork", "setpgid", "pidfd_open"...; empty for the exec
};

/** Starts `executable` with `args` (argv[0] is `executable`) on the three descriptors; the
 *  child's pid, or -1 with `error` set and no child left behind. */
using launch_function = int (*)(const std::filesystem::path& executable,
                                const std::vector<std::string>& args, int in_fd, int out_fd,
                                int err_fd, launch_error& error);

/** smistat's launcher: vfork and exec, so a launch costs the same however large the service is,
 *  with SIGKILL requested for the child when its parent dies (which posix_spawn cannot ask). */
int launch_with_vfork(const std::filesystem::path& executable, const std::vector<std::string>& args,
                      int in_fd, int out_fd, int err_fd, launch_error& error);

}  // namespace smistat::runner
