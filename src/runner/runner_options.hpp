#pragma once
// How the runner starts and ends children; shared by process_runner and the stream launcher.

#include <chrono>

#include "src/runner/launch.hpp"

namespace smistat::runner {

/** Launch and kill-escalation settings; the defaults suit nvidia-smi, tests shorten them. */
struct runner_options {
  /// After SIGTERM, how long the group may take to exit before SIGKILL; after SIGKILL, how long
  /// we wait for the reap before completing anyway (a child stuck in the driver may never die).
  std::chrono::milliseconds kill_grace{500};
  /// After the child exits, how long its pipes may stay open (held by a grandchild) before we
  /// kill the group, abandon the pipes and report the child's own exit status.
  std::chrono::milliseconds drain_linger{200};
  /// How children are started (benchmarks and tests try others). With the death signal, the
  /// kernel sends it when the *thread* that started the child ends, not only the process: runs
  /// must be started from a thread that lives as long as the runner (smistat starts them on its
  /// collection thread).
  launch_function launch = &launch_with_vfork;
};

}  // namespace smistat::runner
