#pragma once
// Leak checks compare a server at rest with itself at rest. Counting descriptors, children or
// threads while runs are in flight measures timing, not leaks: a run holds pipes, a pidfd and a
// child for as long as the machine takes to reap it. The server says what it runs (/health's
// collection.in_flight), so a test waits until it runs nothing but the loop child it expects.

#include <cstddef>

#include "tests/integration/smistat_process.hpp"

namespace smistat::test {

/** What a process holds. */
struct holdings {
  /** Pipes, pidfds and files. Sockets are left out: the test's own request may still be
   *  closing on the server's side when the count is taken. */
  std::size_t descriptors = 0;
  std::size_t sockets = 0;   ///< reported, not compared
  std::size_t children = 0;  ///< alive or zombie
  std::size_t threads = 0;
  std::size_t rss_kib = 0;  ///< resident memory (VmRSS)
};

/** Waits until `server` is at rest: /health says no nvidia-smi run is in flight and exactly
 *  `loop_children` loop children run, and nothing started or ended between that answer and the
 *  next one. Reads what the server holds in between, three times, and returns the least of
 *  each (a host reading opens /proc files for a moment). Bounded by a generous wait; when rest
 *  never comes, the test fails and what was last seen is returned. */
holdings holdings_at_rest(const smistat_process& server, std::size_t loop_children);

}  // namespace smistat::test
