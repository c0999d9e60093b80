#pragma once
// How the runner starts and ends children; shared by process_runner and the stream launcher.

#include <chrono>

namespace smistat::runner {

/** How a child is started. Either way it gets its own process group, stdin from /dev/null,
 *  no descriptor but 0-2, an empty signal mask and default signal dispositions. */
enum class launch_method {
  /// vfork and exec: the child shares the parent's memory until it execs, as glibc's posix_spawn
  /// does, so a launch costs the same however large the service is; and before the exec it asks
  /// for SIGKILL when its parent dies, which posix_spawn has no way to request.
  vfork,
  /// glibc posix_spawn: as cheap as vfork, but the child outlives a service killed by SIGKILL
  /// or a crash. Kept to measure the death-signal set-up against (bench/spawn_bench.cpp).
  posix_spawn,
  /// Boost.Process's fork-and-exec launcher (with the death signal): fork copies the parent's
  /// page tables, a cost that grows with its resident memory. Kept to measure against.
  fork,
};

/** Launch and kill-escalation settings; the defaults suit nvidia-smi, tests shorten them. */
struct runner_options {
  /// After SIGTERM, how long the group may take to exit before SIGKILL; after SIGKILL, how long
  /// we wait for the reap before completing anyway (a child stuck in the driver may never die).
  std::chrono::milliseconds kill_grace{500};
  /// After the child exits, how long its pipes may stay open (held by a grandchild) before we
  /// kill the group, abandon the pipes and report the child's own exit status.
  std::chrono::milliseconds drain_linger{200};
  /// How children are started. With vfork and fork the kernel sends the death signal when the
  /// *thread* that started the child ends, not only the process: runs must be started from a
  /// thread that lives as long as the runner (smistat starts them on its collection thread).
  launch_method launch = launch_method::vfork;
};

}  // namespace smistat::runner
