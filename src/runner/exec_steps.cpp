#include "src/runner/exec_steps.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace smistat::runner {

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

void reap_blocking(int pid) noexcept {
  if (pid <= 0) return;
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace smistat::runner
