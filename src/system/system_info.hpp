#pragma once
// The host half of the GPU Metrics API (contract 001 `system_info`) and the fleet manager's
// `/metrics` (002): read from /proc and /sys with psutil's meanings. Every reader takes a root
// folder so tests replay recorded files; the live service uses "/".

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/system/cgroup_owner.hpp"

namespace smistat::system {

struct os_info {
  std::string os;            ///< uname sysname: "Linux"
  std::string os_release;    ///< uname release: "6.1.0-18-amd64"
  std::string os_version;    ///< uname version: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1"
  std::string architecture;  ///< uname machine: "x86_64"
  std::string processor;     ///< Python platform.processor(): "" on most Linux
  std::string hostname;
  std::string
      platform;  ///< Python platform.platform(): "Linux-6.1.0-18-amd64-x86_64-with-glibc2.36"
};

struct cpu_info {
  int count_physical = 0;
  int count_logical = 0;
  double percent = 0.0;                  ///< since the previous sample, all cores; 1 dp like psutil
  std::vector<double> per_core_percent;  ///< one per `cpuN` line; 0.0 on the first sample
  double freq_current_mhz = 0.0, freq_min_mhz = 0.0, freq_max_mhz = 0.0;  ///< 0.0 when unknown
};

struct process_memory {
  std::int64_t pid = 0;
  std::string name;  ///< /proc/<pid>/comm (psutil name)
  std::uint64_t rss_bytes = 0;
  std::string username;  ///< "" when /proc/<pid>/status is unreadable; the uid as text (psutil)
                         ///< when no passwd entry names it
};

struct memory_info {
  std::uint64_t total = 0, available = 0, used = 0, free = 0, cached = 0, buffers = 0;  ///< bytes
  double percent = 0.0;                       ///< psutil: (total - available) / total * 100, 1 dp
  std::vector<process_memory> top_processes;  ///< top 5 by RSS
};

struct disk_usage {
  std::uint64_t total = 0, used = 0, free = 0;  ///< bytes, summed over de-duplicated devices
  double percent = 0.0;                         ///< psutil: used / (used + free) * 100, 1 dp
};

/** Raw counters are psutil's; rates are unrounded (renderers round per contract). */
struct disk_io {
  double read_bytes_per_sec = 0.0, write_bytes_per_sec = 0.0;
  double read_ops_per_sec = 0.0, write_ops_per_sec = 0.0;  ///< 0 on the first sample
  std::uint64_t total_read_bytes = 0, total_write_bytes = 0;
  std::uint64_t total_read_ops = 0, total_write_ops = 0;
};

/** One sample of the host. */
struct system_snapshot {
  os_info os;
  cpu_info cpu;
  memory_info memory;
  disk_usage disk;       ///< summed over partitions, one mount per base device (001)
  disk_usage root_disk;  ///< psutil.disk_usage("/") (002 `/api/v1/metrics`)
  disk_io io;
  std::optional<double> max_temperature_celsius;  ///< highest hwmon/thermal reading
};

/** What /proc says about one process (for GPU process lists). */
struct process_details {
  std::int64_t pid = 0;
  std::string name;          ///< "" when the pid is not visible
  std::string username;      ///< "" when unresolvable
  std::string cmdline;       ///< arguments joined by spaces
  double cpu_percent = 0.0;  ///< since the previous sample of that pid, else 0.0; 1 dp, may
                             ///< exceed 100 for multi-threaded processes (psutil)
  std::optional<std::chrono::system_clock::time_point> start_time;
  std::uint64_t rss_bytes = 0;
  cgroup_owner owner;  ///< container, pod, unit and Slurm job, from /proc/<pid>/cgroup
};

/** Samples the host; keeps the previous counters so rates need no sleeping inside a request. */
class system_sampler {
 public:
  /** `root` is "/" live, or a folder holding recorded `proc/` and `sys/` trees in tests.
   *  `procfs` is where processes are read from (--path.procfs: the host's /proc mounted into a
   *  container); empty: `root/proc`. */
  explicit system_sampler(std::filesystem::path root = "/", std::filesystem::path procfs = {});

  /** Reads everything once; rates and percents are against the previous call. */
  system_snapshot sample(std::chrono::steady_clock::time_point now);

  /** Details of `pids` (unknown pids come back with empty name/username, never an error). */
  std::vector<process_details> processes(const std::vector<std::int64_t>& pids,
                                         std::chrono::steady_clock::time_point now);

 private:
  struct state;
  std::filesystem::path root_;
  std::filesystem::path procfs_;  ///< per-process files: <procfs>/<pid>/...
  std::shared_ptr<state> state_;
};

}  // namespace smistat::system
