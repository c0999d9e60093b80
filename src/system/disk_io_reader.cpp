#include "src/system/disk_io_reader.hpp"

#include <algorithm>
#include <optional>

#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

constexpr std::uint64_t sector_bytes = 512;  // /proc/diskstats always counts 512-byte sectors

/** Where name, reads, read sectors, writes and write sectors sit for a given column count. */
struct layout {
  std::size_t name, reads, read_sectors, writes, write_sectors;
};

std::optional<layout> layout_for(std::size_t columns) {
  if (columns == 7) return layout{2, 3, 4, 5, 6};   // 2.6 partition line
  if (columns == 15) return layout{3, 2, 5, 7, 9};  // 2.4, with psutil's column choice
  if (columns == 14 || columns >= 18) return layout{2, 3, 5, 7, 9};
  return std::nullopt;
}

double rate(std::uint64_t now, std::uint64_t before, double seconds) {
  if (seconds <= 0.0 || now < before) return 0.0;
  return static_cast<double>(now - before) / seconds;
}

}  // namespace

std::vector<disk_counters> parse_diskstats(std::string_view text) {
  std::vector<disk_counters> out;
  for (const std::string_view line : split_lines(text)) {
    const auto words = split_ws(line);
    const auto at = layout_for(words.size());
    if (!at) continue;
    const auto reads = to_u64(words[at->reads]), writes = to_u64(words[at->writes]);
    const auto rsect = to_u64(words[at->read_sectors]), wsect = to_u64(words[at->write_sectors]);
    if (!reads || !writes || !rsect || !wsect) continue;
    out.push_back({std::string(words[at->name]), *reads, *writes, *rsect * sector_bytes,
                   *wsect * sector_bytes});
  }
  return out;
}

std::set<std::string> whole_disk_names(const std::filesystem::path& root) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root / "sys/block", ec))
    names.insert(entry.path().filename().string());
  return names;
}

disk_counters sum_whole_disks(const std::set<std::string>& whole_disks,
                              const std::vector<disk_counters>& disks) {
  disk_counters sum;
  for (const auto& disk : disks) {
    std::string sys_name = disk.name;  // "cciss/c0d0" is "cciss!c0d0" in sysfs
    std::replace(sys_name.begin(), sys_name.end(), '/', '!');
    if (!whole_disks.contains(sys_name)) continue;
    sum.reads += disk.reads;
    sum.writes += disk.writes;
    sum.read_bytes += disk.read_bytes;
    sum.write_bytes += disk.write_bytes;
  }
  return sum;
}

disk_io disk_rates(const disk_counters& current, const disk_counters* previous, double seconds) {
  disk_io io;
  io.total_read_bytes = current.read_bytes;
  io.total_write_bytes = current.write_bytes;
  io.total_read_ops = current.reads;
  io.total_write_ops = current.writes;
  if (previous == nullptr) return io;
  io.read_bytes_per_sec = rate(current.read_bytes, previous->read_bytes, seconds);
  io.write_bytes_per_sec = rate(current.write_bytes, previous->write_bytes, seconds);
  io.read_ops_per_sec = rate(current.reads, previous->reads, seconds);
  io.write_ops_per_sec = rate(current.writes, previous->writes, seconds);
  return io;
}

}  // namespace smistat::system
