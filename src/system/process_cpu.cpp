#include "src/system/process_cpu.hpp"

#include "src/common/python_float.hpp"
#include "src/system/proc_text.hpp"
#include "src/system/process_reader.hpp"

namespace smistat::system {
namespace {

std::chrono::system_clock::time_point start_time(std::uint64_t start_ticks,
                                                 std::uint64_t clock_ticks,
                                                 std::int64_t boot_time) {
  const auto since_boot = std::chrono::duration<double>(static_cast<double>(start_ticks) /
                                                        static_cast<double>(clock_ticks));
  const auto boot = std::chrono::system_clock::time_point(std::chrono::seconds(boot_time));
  return boot + std::chrono::duration_cast<std::chrono::system_clock::duration>(since_boot);
}

}  // namespace

std::vector<process_details> pid_cpu_tracker::details(const std::filesystem::path& procfs,
                                                      const std::vector<std::int64_t>& pids,
                                                      std::chrono::steady_clock::time_point now,
                                                      const host_facts& facts,
                                                      const user_names& users,
                                                      std::optional<std::int64_t> boot_time) {
  std::map<std::int64_t, mark> next;
  std::vector<process_details> out;
  for (const std::int64_t pid : pids) {
    process_details& proc = out.emplace_back();
    proc.pid = pid;
    if (pid <= 0) continue;
    if (const auto seen = next.find(pid); seen != next.end()) {  // listed twice (two GPUs)
      if (!seen->second.absent) proc = out[seen->second.place];
      continue;
    }
    auto before = marks_.find(pid);
    if (before != marks_.end() && before->second.absent) {
      next.insert(marks_.extract(before));
      continue;  // not looked for again while the list names it (see the header)
    }
    kept_file file = before != marks_.end()
                         ? std::move(before->second.stat_file)
                         : kept_file(procfs / std::to_string(pid) / "stat", 4096);
    const auto text = file.read();
    auto stat = text ? parse_pid_stat(*text) : std::nullopt;
    if (!stat) {  // gone or hidden: empty fields, never an error
      mark gone;
      gone.absent = true;
      next.emplace(pid, std::move(gone));
      continue;
    }
    const bool same_process = before != marks_.end() &&
                              before->second.start_ticks == stat->start_ticks &&
                              before->second.comm == stat->comm;
    if (same_process) {
      proc = before->second.identity;
    } else {
      const auto args = read_cmdline(procfs, pid).value_or(std::vector<std::string>{});
      proc.name = process_name(stat->comm, args);
      proc.cmdline = join_args(args);
      const auto uid = read_real_uid(procfs, pid);
      proc.username = uid ? users.name_of(*uid) : "";
      const auto cgroup = read_text(procfs / std::to_string(pid) / "cgroup");
      proc.owner = parse_cgroup_owner(cgroup.value_or(""));
    }
    // The stat file's resident pages are statm's (both count file, anonymous and shared pages).
    proc.rss_bytes = stat->rss_pages * facts.page_size;
    if (boot_time) proc.start_time = start_time(stat->start_ticks, facts.clock_ticks, *boot_time);

    mark current{stat->start_ticks, stat->utime + stat->stime, now, std::move(stat->comm), proc};
    current.stat_file = std::move(file);
    current.place = out.size() - 1;
    if (before != marks_.end() && before->second.start_ticks == current.start_ticks) {
      const double wall = std::chrono::duration<double>(now - before->second.at).count();
      const std::uint64_t used = current.cpu_ticks >= before->second.cpu_ticks
                                     ? current.cpu_ticks - before->second.cpu_ticks
                                     : 0;
      const double cpu_seconds = static_cast<double>(used) / static_cast<double>(facts.clock_ticks);
      if (wall > 0.0) proc.cpu_percent = common::python_round(cpu_seconds / wall * 100.0, 1);
    }
    next.emplace(pid, std::move(current));
  }
  marks_ = std::move(next);
  return out;
}

}  // namespace smistat::system
