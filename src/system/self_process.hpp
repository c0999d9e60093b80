#pragma once
// This process as the Prometheus client libraries' `process_*` metrics describe it, read from
// /proc/self. The renderer formats what this returns; it reads nothing itself.

#include <optional>
#include <string_view>

namespace smistat::system {

/** What /proc says about this process; a value that could not be read stays empty. */
struct self_process_stats {
  std::optional<double> resident_memory_bytes;
  std::optional<double> virtual_memory_bytes;
  std::optional<double> cpu_seconds_total;
  std::optional<double> start_time_seconds;
  std::optional<double> open_fds;
  std::optional<double> max_fds;
};

/** The `btime` line of /proc/stat; nullopt when missing or malformed. */
std::optional<double> parse_boot_time(std::string_view proc_stat);

/** Reads this process's figures from /proc/self; missing files leave values empty. */
self_process_stats read_self_process_stats();

}  // namespace smistat::system
