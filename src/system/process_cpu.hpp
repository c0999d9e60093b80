#pragma once
// Process details for GPU process lists, with psutil's Process.cpu_percent(interval=None):
// CPU time used since the previous look at the same pid, over the wall time between the looks.
//
// The list is looked at with every sample. Only /proc/<pid>/stat changes from look to look (CPU
// time, resident pages); the command line, owner and cgroup are read again only when the
// process is a new one (another start time under the pid) or has exec'd (another comm), which
// turns five files a process per sample into one. A process that rewrites its argv, changes its
// uid without exec or moves to another cgroup shows it once it leaves the list and comes back.
//
// The stat file stays open while its pid is listed (kept_file: one pread a look, and a process
// that ended fails the read instead of reaching its pid's next owner). A pid that cannot be read
// is not looked for again while the list keeps naming it: such a process belongs to another pid
// namespace (smistat in a container without the host's pids) or has ended, and asking /proc
// for a missing pid costs a slow path walk with every sample.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/system/host_facts.hpp"
#include "src/system/kept_file.hpp"
#include "src/system/system_info.hpp"

namespace smistat::system {

/** Remembers each asked-for pid's CPU ticks between calls; forgets pids no longer asked for. */
class pid_cpu_tracker {
 public:
  /** Details of `pids` in order; unreadable pids have empty fields. `boot_time` is btime. */
  std::vector<process_details> details(const std::filesystem::path& procfs,
                                       const std::vector<std::int64_t>& pids,
                                       std::chrono::steady_clock::time_point now,
                                       const host_facts& facts, const user_names& users,
                                       std::optional<std::int64_t> boot_time);

 private:
  struct mark {
    std::uint64_t start_ticks = 0;  ///< tells a reused pid from the process seen before
    std::uint64_t cpu_ticks = 0;
    std::chrono::steady_clock::time_point at{};
    std::string comm;  ///< changes with an exec
    /** The details as of this look; the next look of the same process keeps its name, command
     *  line, owner and cgroup and fills the rest afresh. */
    process_details identity;
    kept_file stat_file{{}};
    std::size_t place = 0;  ///< its row in this look's answer (a pid may be listed twice)
    bool absent = false;    ///< could not be read; not looked for while still listed
  };
  /** A GPU lists a handful of processes: a flat list, searched from the front, costs less than
   *  a tree's nodes scattered over the heap, which a look a second finds out of cache. */
  using marks = std::vector<std::pair<std::int64_t, mark>>;
  static mark* find(marks& list, std::int64_t pid) noexcept;
  marks marks_;  ///< of the last look
  marks next_;   ///< scratch for the next look, kept for its block
};

}  // namespace smistat::system
