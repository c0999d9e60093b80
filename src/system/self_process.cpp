#include "src/system/self_process.hpp"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "src/system/proc_text.hpp"
#include "src/system/process_reader.hpp"

namespace smistat::system {
namespace {

std::optional<double> count_open_fds() {
  std::error_code ec;
  std::filesystem::directory_iterator it("/proc/self/fd", ec);
  if (ec) return std::nullopt;
  double n = 0;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) return std::nullopt;
    ++n;
  }
  // The iterator's own descriptor is counted; the client libraries count it too.
  return n;
}

}  // namespace

std::optional<double> parse_boot_time(std::string_view proc_stat) {
  const auto value = find_field(proc_stat, "btime", ' ');
  return value ? to_double(trim(*value)) : std::nullopt;
}

std::optional<double> parse_max_fds(std::string_view limits) {
  const auto pos = limits.find("Max open files");
  if (pos == std::string_view::npos) return std::nullopt;
  auto line = limits.substr(pos + 14);
  line = line.substr(0, line.find('\n'));
  const auto f = split_ws(line);
  if (f.empty()) return std::nullopt;
  return to_double(f.front());
}

self_process_stats read_self_process_stats() {
  self_process_stats p;
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const auto page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  const auto stat_text = read_text("/proc/self/stat", 4096);
  const auto st = stat_text ? parse_pid_stat(*stat_text) : std::nullopt;
  if (st && ticks > 0) {
    p.cpu_seconds_total = static_cast<double>(st->utime + st->stime) / ticks;
    p.virtual_memory_bytes = static_cast<double>(st->vsize_bytes);
    p.resident_memory_bytes = static_cast<double>(st->rss_pages) * page;
    const auto proc_stat = read_text("/proc/stat", 1 << 20);
    if (const auto boot = proc_stat ? parse_boot_time(*proc_stat) : std::nullopt)
      p.start_time_seconds = *boot + static_cast<double>(st->start_ticks) / ticks;
  }
  p.open_fds = count_open_fds();
  const auto limits = read_text("/proc/self/limits", 16384);
  p.max_fds = limits ? parse_max_fds(*limits) : std::nullopt;
  return p;
}

}  // namespace smistat::system
