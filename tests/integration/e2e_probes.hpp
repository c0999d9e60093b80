#pragma once
// What end-to-end tests ask a running smistat over HTTP, and what they read of its children.

#include <sys/types.h>

#include <boost/json/value.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "tests/integration/http_client.hpp"

namespace smistat::test {

/** GET `target`, expecting 200, parsed as JSON. */
boost::json::value get_json(unsigned short port, const std::string& target);

/** Polls `target` (every 50 ms, at most 15 s) until `done(body)` holds; returns the last body. */
template <class Pred>
boost::json::value poll_json(unsigned short port, const std::string& target, Pred done) {
  boost::json::value v;
  for (int i = 0; i < 300; ++i) {
    v = get_json(port, target);
    if (done(v)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return v;
}

/** /health says `degraded`. */
bool is_degraded(const boost::json::value& health);
/** The kind of /health's collection.last_error; "" when there is none. */
std::string error_kind(const boost::json::value& health);
/** Degraded because a collection failed (not merely because no sample exists yet). */
bool failed(const boost::json::value& health);
/** /proc/<pid>/cmdline, NULs included. */
std::string cmdline_of(pid_t pid);
/** True when a direct child of `pid` is a zombie and is still one after up to 2 s (the time a
 *  loaded machine may take to reap a child that has just exited). */
bool has_zombie_children(pid_t pid);
/** How many descriptors `pid` has open. */
std::size_t open_descriptors(pid_t pid);

}  // namespace smistat::test
