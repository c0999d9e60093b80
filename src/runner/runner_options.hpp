#pragma once
// How the runner starts and ends children; shared by process_runner and the stream launcher.

#include <chrono>

namespace smistat::runner {

/** How a child is started. Either way it gets its own process group, stdin from /dev/null,
 *  no descriptor but 0-2, an empty signal mask and default signal dispositions. */
enum class launch_method {
  /// glibc posix_spawn: the child shares the parent's memory until it execs (clone with
  /// CLONE_VM | CLONE_VFORK), so a launch costs the same however large the service is.
  posix_spawn,
  /// Boost.Process's fork-and-exec launcher: fork copies the parent's page tables, a cost
  /// that grows with its resident memory. Kept to measure against (bench/spawn_bench.cpp).
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
  /// How children are started.
  launch_method launch = launch_method::posix_spawn;
};

}  // namespace smistat::runner
