#pragma once
// CPU counts, busy percentages from /proc/stat deltas, and frequencies, as psutil computes them.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace smistat::system {

/** One `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal guest guest_nice.
 */
using cpu_times = std::array<std::uint64_t, 10>;

/** The parts of /proc/stat the sampler uses. */
struct proc_stat {
  std::optional<cpu_times> total;         ///< the aggregate "cpu" line
  std::vector<cpu_times> per_core;        ///< "cpu0", "cpu1", ... in file order
  std::optional<std::int64_t> boot_time;  ///< "btime", seconds since the epoch
};

/** Parses /proc/stat; missing or garbled lines are simply absent. */
proc_stat parse_proc_stat(std::string_view text);

/** psutil's cpu_percent between two readings, rounded to 1 dp; 0.0 when no time passed. */
double busy_percent(const cpu_times& before, const cpu_times& after);

/** Physical cores (distinct physical id + core id pairs, 0 when absent) and logical CPUs. */
struct cpu_counts {
  int physical = 0;
  int logical = 0;
};

/** Counts from /proc/cpuinfo; logical falls back to the cpuN lines of /proc/stat. */
cpu_counts count_cpus(std::string_view cpuinfo, const proc_stat& stat);

/** psutil.cpu_freq() averaged over CPUs, in MHz; 0.0 where unknown. */
struct cpu_frequency {
  double current = 0.0, min = 0.0, max = 0.0;
};

/** The cpufreq folders psutil reads: `cpufreq/policyN`, else every `cpuN/cpufreq`. */
std::vector<std::filesystem::path> cpufreq_dirs(const std::filesystem::path& root);

/** psutil's cpu_freq() from cpufreq: the mean of every folder's scaling_cur/min/max_freq;
 *  nullopt when none reports a current frequency (most virtual machines have none). */
std::optional<cpu_frequency> read_cpufreq(const std::vector<std::filesystem::path>& dirs);

/** The fallback without cpufreq: the mean "cpu MHz" of /proc/cpuinfo, no minimum or maximum. */
cpu_frequency cpuinfo_frequency(std::string_view cpuinfo);

}  // namespace smistat::system
