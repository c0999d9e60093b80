#include "src/system/system_info.hpp"

#include <map>
#include <mutex>
#include <set>

#include "src/system/cpu_reader.hpp"
#include "src/system/disk_io_reader.hpp"
#include "src/system/disk_reader.hpp"
#include "src/system/host_facts.hpp"
#include "src/system/kept_file.hpp"
#include "src/system/memory_reader.hpp"
#include "src/system/os_reader.hpp"
#include "src/system/proc_text.hpp"
#include "src/system/process_cpu.hpp"
#include "src/system/process_reader.hpp"
#include "src/system/sensors_reader.hpp"
#include "src/system/top_memory_tracker.hpp"

namespace smistat::system {

using steady = std::chrono::steady_clock;

namespace {

constexpr std::size_t top_process_count = 5;
constexpr auto top_memory_full_pass_every = std::chrono::seconds(10);
constexpr std::size_t top_memory_full_pass_readings = 10;

/** The host's layout: CPUs, cpufreq folders, sensors, disks and mounts change only when
 *  hardware is plugged in or a filesystem mounted, and finding them lists folders and reads
 *  /proc/cpuinfo and /proc/self/mounts, which are slow to generate on a machine with hundreds of
 *  CPUs or (a Kubernetes node) hundreds of mounts, so it is read again only after a while. */
struct host_layout {
  cpu_counts counts;
  std::vector<std::filesystem::path> cpufreq_dirs;
  /** The frequency where no cpufreq folder reports one (most virtual machines): "cpu MHz" of
   *  the same /proc/cpuinfo. Not read every time: generating that file is slow on a machine
   *  with hundreds of CPUs, and where the kernel computes the figure it interrupts every CPU
   *  to ask, which a paying workload feels. */
  cpu_frequency cpuinfo_freq;
  std::vector<std::filesystem::path> temperature_inputs;
  std::set<std::string> whole_disks;
  std::vector<mount_entry> partitions;  ///< physical ones, whose space is measured each reading
  steady::time_point read_at{};
};

constexpr auto host_layout_kept_for = std::chrono::minutes(1);

}  // namespace

/** Everything kept between calls; one mutex, since the service calls from one thread anyway. */
struct system_sampler::state {
  explicit state(const std::filesystem::path& root)
      : facts(load_host_facts(root)),
        os(read_os_info(root, facts)),
        space(root),
        users(root),
        hostname(root / "proc/sys/kernel/hostname", 4096),
        stat(root / "proc/stat"),
        meminfo(root / "proc/meminfo"),
        diskstats(root / "proc/diskstats") {}

  std::mutex mutex;
  const host_facts facts;
  /** The kernel's name, release and version do not change while it runs; the host name may. */
  const os_info os;
  const space_source space;
  const user_names users;
  std::optional<proc_stat> last_stat;
  std::optional<disk_counters> last_disks;
  steady::time_point last_disks_at{};
  pid_cpu_tracker pid_cpu;
  std::optional<std::int64_t> boot_time;  ///< btime of procfs's stat, once read
  std::optional<host_layout> layout;
  top_memory_tracker top_memory{top_process_count, top_memory_full_pass_every,
                                top_memory_full_pass_readings};
  // The files every reading reads, kept open.
  kept_file hostname, stat, meminfo, diskstats;
};

namespace {

/** The layout, read again when it is older than host_layout_kept_for. */
const host_layout& layout_at(const std::filesystem::path& root, const proc_stat& stat,
                             std::optional<host_layout>& kept, steady::time_point at) {
  if (kept && at - kept->read_at < host_layout_kept_for && at >= kept->read_at) return *kept;
  const std::string cpuinfo = read_text(root / "proc/cpuinfo").value_or("");
  kept = host_layout{count_cpus(cpuinfo, stat),
                     cpufreq_dirs(root),
                     cpuinfo_frequency(cpuinfo),
                     temperature_inputs(root),
                     whole_disk_names(root),
                     read_physical_partitions(root),
                     at};
  return *kept;
}

cpu_info sample_cpu(const proc_stat& now, const std::optional<proc_stat>& before,
                    const host_layout& layout) {
  const cpu_frequency freq = read_cpufreq(layout.cpufreq_dirs).value_or(layout.cpuinfo_freq);
  cpu_info cpu{
      layout.counts.physical, layout.counts.logical, 0.0, {}, freq.current, freq.min, freq.max};
  if (before && before->total && now.total) cpu.percent = busy_percent(*before->total, *now.total);
  for (std::size_t i = 0; i < now.per_core.size(); ++i) {
    const bool known = before && i < before->per_core.size();
    cpu.per_core_percent.push_back(known ? busy_percent(before->per_core[i], now.per_core[i])
                                         : 0.0);
  }
  return cpu;
}

}  // namespace

system_sampler::system_sampler(std::filesystem::path root, std::filesystem::path procfs)
    : root_(std::move(root)),
      procfs_(procfs.empty() ? root_ / "proc" : std::move(procfs)),
      state_(std::make_shared<state>(root_)) {}

system_snapshot system_sampler::sample(steady::time_point now) {
  std::lock_guard lock(state_->mutex);
  system_snapshot snap;
  snap.os = state_->os;
  const std::string_view hostname = state_->hostname.read().value_or("");
  snap.os.hostname = std::string(trim(hostname.substr(0, hostname.find('\n'))));

  proc_stat stat = parse_proc_stat(state_->stat.read().value_or(""));
  const host_layout& layout = layout_at(root_, stat, state_->layout, now);
  snap.cpu = sample_cpu(stat, state_->last_stat, layout);
  state_->last_stat = std::move(stat);

  snap.memory = parse_meminfo(state_->meminfo.read().value_or(""));
  snap.memory.top_processes = state_->top_memory.sample(procfs_, state_->facts, state_->users, now);

  snap.disk = sum_deduplicated(layout.partitions, state_->space);
  if (const auto root_space = state_->space.query("/")) snap.root_disk = usage_of(*root_space);

  const auto disks = parse_diskstats(state_->diskstats.read().value_or(""));
  const disk_counters totals = sum_whole_disks(layout.whole_disks, disks);
  const auto& last = state_->last_disks;
  const double seconds = std::chrono::duration<double>(now - state_->last_disks_at).count();
  snap.io = disk_rates(totals, last ? &*last : nullptr, seconds);
  state_->last_disks = totals;
  state_->last_disks_at = now;

  snap.max_temperature_celsius = read_max_temperature(layout.temperature_inputs);
  return snap;
}

std::vector<process_details> system_sampler::processes(const std::vector<std::int64_t>& pids,
                                                       steady::time_point now) {
  std::lock_guard lock(state_->mutex);
  // The boot time does not change, and /proc/stat, which holds it, is long on a machine with
  // many CPUs: read until it is known.
  if (!state_->boot_time)
    state_->boot_time = parse_proc_stat(read_text(procfs_ / "stat").value_or("")).boot_time;
  return state_->pid_cpu.details(procfs_, pids, now, state_->facts, state_->users,
                                 state_->boot_time);
}

}  // namespace smistat::system
