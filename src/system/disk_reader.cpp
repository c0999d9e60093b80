#include "src/system/disk_reader.hpp"

#include <algorithm>
#include <set>

#include "src/common/python_float.hpp"
#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

double percent_of(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return 0.0;
  const double share = static_cast<double>(part) / static_cast<double>(whole) * 100.0;
  return common::python_round(share, 1);
}

}  // namespace

std::vector<mount_entry> parse_mounts(std::string_view text) {
  std::vector<mount_entry> out;
  for (const std::string_view line : split_lines(text)) {
    const auto words = split_ws(line);
    if (words.size() < 3) continue;
    out.push_back(
        {decode_mount_escapes(words[0]), decode_mount_escapes(words[1]), std::string(words[2])});
  }
  return out;
}

std::vector<std::string> physical_fs_types(std::string_view proc_filesystems) {
  std::vector<std::string> types;
  for (const std::string_view line : split_lines(proc_filesystems)) {
    const auto words = split_ws(line);
    if (words.size() == 1) types.emplace_back(words[0]);
    if (words.size() == 2 && words[0] == "nodev" && words[1] == "zfs") types.emplace_back("zfs");
  }
  return types;
}

std::vector<mount_entry> physical_partitions(const std::vector<mount_entry>& mounts,
                                             const std::vector<std::string>& fs_types) {
  std::vector<mount_entry> out;
  for (const auto& m : mounts) {
    if (m.device.empty() || m.device == "none") continue;
    if (std::find(fs_types.begin(), fs_types.end(), m.fs_type) == fs_types.end()) continue;
    out.push_back(m);
  }
  return out;
}

std::string base_device_name(std::string_view device) {
  const std::size_t slash = device.rfind('/');
  std::string_view name = slash == std::string_view::npos ? device : device.substr(slash + 1);
  // Stripping digits is the original's rule, so "nvme0n1p1" becomes "nvme0n1p": kept as is.
  while (!name.empty() && name.back() >= '0' && name.back() <= '9') name.remove_suffix(1);
  return std::string(name);
}

disk_usage usage_of(const fs_space& space) {
  disk_usage usage;
  usage.total = space.blocks * space.fragment_size;
  const std::uint64_t free_for_root = space.blocks_free * space.fragment_size;
  usage.used = usage.total >= free_for_root ? usage.total - free_for_root : 0;
  usage.free = space.blocks_avail * space.fragment_size;
  // Like df, the percentage is of the space unprivileged users can reach (root reserve excluded).
  usage.percent = percent_of(usage.used, usage.used + usage.free);
  return usage;
}

disk_usage sum_deduplicated(const std::vector<mount_entry>& partitions, const space_source& space) {
  disk_usage sum;
  std::set<std::string> seen;
  for (const auto& part : partitions) {
    const std::string base = base_device_name(part.device);
    if (base.empty() || seen.count(base) != 0) continue;
    const auto reading = space.query(part.mount_point);
    if (!reading) continue;  // the original skips an unreadable mount and may count a later one
    const disk_usage one = usage_of(*reading);
    sum.total += one.total;
    sum.used += one.used;
    sum.free += one.free;
    seen.insert(base);
  }
  sum.percent = percent_of(sum.used, sum.used + sum.free);
  return sum;
}

std::vector<mount_entry> read_physical_partitions(const std::filesystem::path& root) {
  auto mounts = read_text(root / "proc/self/mounts");
  if (!mounts) mounts = read_text(root / "proc/mounts");
  const auto types = physical_fs_types(read_text(root / "proc/filesystems").value_or(""));
  return physical_partitions(parse_mounts(mounts.value_or("")), types);
}

disk_usage read_disk_usage(const std::filesystem::path& root, const space_source& space) {
  return sum_deduplicated(read_physical_partitions(root), space);
}

}  // namespace smistat::system
