#pragma once
// The standard `process_*` metrics of the Prometheus client libraries, read from /proc/self.

#include <optional>
#include <string>
#include <string_view>

namespace smistat::render {

/** What /proc says about this process; a value that could not be read stays empty. */
struct process_stats {
  std::optional<double> resident_memory_bytes;
  std::optional<double> virtual_memory_bytes;
  std::optional<double> cpu_seconds_total;
  std::optional<double> start_time_seconds;
  std::optional<double> open_fds;
  std::optional<double> max_fds;
};

/** The fields of /proc/<pid>/stat used here, in the units the kernel gives. */
struct proc_stat_fields {
  double utime_ticks = 0;
  double stime_ticks = 0;
  double start_ticks = 0;  ///< since boot
  double vsize_bytes = 0;
  double rss_pages = 0;
};

/** Parses /proc/<pid>/stat (the command name may hold spaces and parentheses); nullopt for
 *  text that does not have the fields. */
std::optional<proc_stat_fields> parse_proc_stat(std::string_view text);
/** The `btime` line of /proc/stat; nullopt when missing or malformed. */
std::optional<double> parse_boot_time(std::string_view proc_stat);
/** The soft `Max open files` limit from /proc/<pid>/limits; nullopt when missing. */
std::optional<double> parse_max_fds(std::string_view limits);

/** Reads this process's stats from /proc/self; missing files leave values empty. */
process_stats read_process_stats();

/** The `process_*` families for the values present. */
std::string render_process_metrics(const process_stats& p);

}  // namespace smistat::render
