#pragma once
// psutil.disk_io_counters(perdisk=False) from /proc/diskstats, and rates between two readings.

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "src/system/system_info.hpp"

namespace smistat::system {

/** Counters of one /proc/diskstats line (bytes already multiplied by the 512-byte sector). */
struct disk_counters {
  std::string name;
  std::uint64_t reads = 0, writes = 0, read_bytes = 0, write_bytes = 0;
};

/** Parses every line in a layout psutil knows (4, 11 or 15+ value columns); others are skipped. */
std::vector<disk_counters> parse_diskstats(std::string_view text);

/** The entries of `sys/block`: the whole disks (partitions have none), by sysfs name. */
std::set<std::string> whole_disk_names(const std::filesystem::path& root);

/** Sums the whole disks, those `whole_disk_names` lists. */
disk_counters sum_whole_disks(const std::set<std::string>& whole_disks,
                              const std::vector<disk_counters>& disks);

/** The raw totals and, from `previous` over `seconds`, per-second rates (0 for a counter that
 *  went down, or when no time passed). */
disk_io disk_rates(const disk_counters& current, const disk_counters* previous, double seconds);

}  // namespace smistat::system
