#pragma once
// Starting one child: its own process group, stdin from /dev/null, stdout and stderr on pipes we
// made, nothing else inherited, and default signal handling.

#include <filesystem>
#include <string>
#include <vector>

#include "src/runner/launch.hpp"
#include "src/runner/unique_fd.hpp"

namespace smistat::runner::detail {

/** A started child, or why it could not be started. */
struct spawn_outcome {
  int pid = -1;       ///< also the child's process group id
  unique_fd pidfd;    ///< pidfd_open(pid), close-on-exec, ready to be handed to the reactor
  std::string error;  ///< non-empty on failure: "<program>: <errno text>"

  bool ok() const noexcept { return error.empty(); }
};

/** Starts `executable` with `args` (argv[0] is `executable`) by `launch`; `out_fd` / `err_fd`
 *  become the child's stdout and stderr (the caller still owns and must close them). Never
 *  throws. On failure no child is left behind: one that failed before exec has been reaped. */
spawn_outcome spawn_child(const std::filesystem::path& executable,
                          const std::vector<std::string>& args, int out_fd, int err_fd,
                          launch_function launch);

}  // namespace smistat::runner::detail
