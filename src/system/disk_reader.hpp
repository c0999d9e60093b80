#pragma once
// Disk space as contract 001 sums it: psutil.disk_partitions() (physical filesystems only),
// counted once per base device name, each measured with psutil.disk_usage().

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "src/system/host_facts.hpp"
#include "src/system/system_info.hpp"

namespace smistat::system {

/** One line of /proc/self/mounts, escapes decoded. */
struct mount_entry {
  std::string device, mount_point, fs_type;
};

/** Parses a mounts table (fstab format); short lines are skipped. */
std::vector<mount_entry> parse_mounts(std::string_view text);

/** Filesystem types psutil treats as physical: /proc/filesystems lines without "nodev", and zfs. */
std::vector<std::string> physical_fs_types(std::string_view proc_filesystems);

/** psutil.disk_partitions(all=False): a real device and a physical filesystem type. */
std::vector<mount_entry> physical_partitions(const std::vector<mount_entry>& mounts,
                                             const std::vector<std::string>& fs_types);

/** The original's de-duplication key: last path part without trailing digits ("sda1" -> "sda"). */
std::string base_device_name(std::string_view device);

/** psutil.disk_usage() of one statvfs reading (percent rounded to 1 dp). */
disk_usage usage_of(const fs_space& space);

/** Sums usage over `partitions`, the first readable mount of each base device counted once. */
disk_usage sum_deduplicated(const std::vector<mount_entry>& partitions, const space_source& space);

/** The physical partitions of `root` (proc/self/mounts, else proc/mounts). */
std::vector<mount_entry> read_physical_partitions(const std::filesystem::path& root);

/** The partitions of `root` summed as above. */
disk_usage read_disk_usage(const std::filesystem::path& root, const space_source& space);

}  // namespace smistat::system
