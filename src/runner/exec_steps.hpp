#pragma once
// The steps every launcher takes in a new child before exec, and the parent's blocking reap of
// one that failed. The child-side steps are async-signal-safe: they run in a fork or vfork child
// of a multithreaded service.

#include <sys/types.h>

namespace smistat::runner {

/** Closes [first, last]; close_range may be missing (old kernel, seccomp), so fall back. */
void close_fd_range(unsigned first, unsigned last) noexcept;

/** In the child before exec: a blocked or ignored SIGTERM/SIGPIPE in the service must not make
 *  nvidia-smi immune to our deadline, so start from default dispositions and an empty mask.
 *  Dispositions first: a vfork child shares the parent's memory, so none of the service's
 *  handlers may run in it, and the parent blocked every signal before vfork. */
void reset_signals() noexcept;

/** In the child before exec: SIGKILL when the parent dies, so no nvidia-smi outlives a service
 *  killed by SIGKILL or a crash (each child leads its own process group, so nothing else would
 *  end it). The parent may have died before the request was made; then the child has already
 *  been reparented and must not run at all. False when it must not go on to exec. */
bool die_with_parent(pid_t parent) noexcept;

/** Collects a child known to have exited (or about to), retrying on EINTR. */
void reap_blocking(int pid) noexcept;

}  // namespace smistat::runner
