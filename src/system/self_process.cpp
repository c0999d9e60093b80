#include "src/system/self_process.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include "src/system/proc_text.hpp"
#include "src/system/process_reader.hpp"

namespace smistat::system {
namespace {

std::optional<double> count_open_fds() {
  // Since Linux 6.2 the size of /proc/self/fd is the number of open descriptors: one stat
  // instead of a directory walk that makes the kernel build an entry per descriptor. The walk
  // below counts its own descriptor (as the client libraries' walks do), so one is added here
  // for the same figure.
  struct stat fd_dir {};
  if (::stat("/proc/self/fd", &fd_dir) == 0 && fd_dir.st_size > 0)
    return static_cast<double>(fd_dir.st_size) + 1;
  // Older kernels report 0. readdir rather than std::filesystem's iterator, which builds a path
  // per entry: with a thousand connections open, a scrape walks a thousand entries.
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return std::nullopt;
  double n = 0;
  while (const dirent* entry = ::readdir(dir))
    if (entry->d_name[0] != '.') ++n;
  ::closedir(dir);
  // The directory's own descriptor is counted; the client libraries count it too.
  return n;
}

/** The soft limit on open descriptors ("Max open files" of /proc/self/limits), without
 *  generating and parsing that file on every scrape. */
std::optional<double> max_open_fds() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return std::nullopt;
  return static_cast<double>(limit.rlim_cur);
}

}  // namespace

std::optional<double> parse_boot_time(std::string_view proc_stat) {
  const auto value = find_field(proc_stat, "btime", ' ');
  return value ? to_double(trim(*value)) : std::nullopt;
}

self_process_stats read_self_process_stats() {
  // What the client libraries read from /proc/self/stat comes here from cheaper sources, since
  // /metrics asks on every scrape: the CPU time from getrusage (a syscall, no text), the sizes
  // from statm (a few counters, where stat has the kernel format fifty fields).
  self_process_stats p;
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const auto page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  if (rusage usage{}; ::getrusage(RUSAGE_SELF, &usage) == 0) {
    const auto seconds = [](const timeval& t) {
      return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    p.cpu_seconds_total = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  }
  if (const auto statm = read_text("/proc/self/statm", 256)) {
    const auto pages = split_ws(*statm);
    const auto total = pages.size() >= 2 ? to_u64(pages[0]) : std::nullopt;
    const auto resident = pages.size() >= 2 ? to_u64(pages[1]) : std::nullopt;
    if (total) p.virtual_memory_bytes = static_cast<double>(*total) * page;
    if (resident) p.resident_memory_bytes = static_cast<double>(*resident) * page;
  }
  // The start time never changes; nor does the boot time, and /proc/stat, which holds it, is
  // one of the dearer files to generate (every CPU's and interrupt's counters): both are read
  // once, not on every scrape.
  static const std::optional<double> start_time = [ticks]() -> std::optional<double> {
    const auto stat_text = read_text("/proc/self/stat", 4096);
    const auto st = stat_text ? parse_pid_stat(*stat_text) : std::nullopt;
    const auto proc_stat = read_text("/proc/stat", 1 << 20);
    const auto boot = proc_stat ? parse_boot_time(*proc_stat) : std::nullopt;
    if (!st || !boot || ticks <= 0) return std::nullopt;
    return *boot + static_cast<double>(st->start_ticks) / ticks;
  }();
  p.start_time_seconds = start_time;
  p.open_fds = count_open_fds();
  p.max_fds = max_open_fds();
  return p;
}

}  // namespace smistat::system
