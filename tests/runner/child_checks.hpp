#pragma once
// Shared by the runner tests: fixture scripts and checks on children and descriptors.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "src/runner/process_runner.hpp"
#include "tests/support/golden.hpp"

namespace smistat::runner::test {

/** Absolute path of a script in fixtures/bin. */
inline std::string script(std::string_view name) {
  return (smistat::test::fixtures_dir() / "bin" / name).string();
}

/** Escalation short enough that a deadline test takes well under a second. */
inline runner_options quick_options() {
  runner_options o;
  o.kill_grace = std::chrono::milliseconds(200);
  o.drain_linger = std::chrono::milliseconds(100);
  return o;
}

/** True when this process has no child at all, running or zombie. */
inline bool no_children_left() { return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD; }

/** True when `pid` is not our child any more (reaped, or never ours). */
inline bool not_our_child(int pid) {
  return ::waitpid(pid, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

/** Waits up to `limit` for a process we do not parent (an orphaned grandchild) to be gone or a
 *  zombie; it dies asynchronously after SIGKILL and its reaper is init, not us. */
inline bool becomes_dead(int pid, std::chrono::milliseconds limit) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  const auto stat = "/proc/" + std::to_string(pid) + "/stat";
  while (std::chrono::steady_clock::now() < give_up) {
    std::ifstream in(stat);
    if (!in) return true;
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    const auto paren = text.rfind(')');
    if (paren == std::string::npos || paren + 2 >= text.size()) return true;
    if (text[paren + 2] == 'Z' || text[paren + 2] == 'X') return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

/** Pids in /proc whose parent is this process: children still running or not yet reaped. */
inline std::vector<int> children_in_proc() {
  std::vector<int> out;
  const auto self = ::getpid();
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    const auto paren = text.rfind(')');
    if (paren == std::string::npos) continue;  // gone while we looked
    std::istringstream fields(text.substr(paren + 2));
    char state = 0;
    int parent = 0;
    fields >> state >> parent;
    if (parent == self) out.push_back(std::stoi(name));
  }
  return out;
}

/** Entries in /proc/self/fd. */
inline std::size_t open_fd_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
    ++n;
  return n;
}

}  // namespace smistat::runner::test
