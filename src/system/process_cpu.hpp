#pragma once
// Process details for GPU process lists, with psutil's Process.cpu_percent(interval=None):
// CPU time used since the previous look at the same pid, over the wall time between the looks.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "src/system/host_facts.hpp"
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
  };
  std::map<std::int64_t, mark> marks_;
};

}  // namespace smistat::system
