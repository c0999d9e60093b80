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

pid_cpu_tracker::mark* pid_cpu_tracker::find(marks& list, std::int64_t pid) noexcept {
  for (auto& [listed, m] : list)
    if (listed == pid) return &m;
  return nullptr;
}

std::vector<process_details> pid_cpu_tracker::details(const std::filesystem::path& procfs,
                                                      const std::vector<std::int64_t>& pids,
                                                      std::chrono::steady_clock::time_point now,
                                                      const host_facts& facts,
                                                      const user_names& users,
                                                      std::optional<std::int64_t> boot_time) {
  // This look's marks go to next_ (emptied, its block kept), then trade places with marks_; what
  // stays behind is of pids no longer listed, and goes (closing their files).
  next_.clear();
  std::vector<process_details> out;
  out.reserve(pids.size());
  for (const std::int64_t pid : pids) {
    process_details& proc = out.emplace_back();
    proc.pid = pid;
    if (pid <= 0) continue;
    if (const mark* seen = find(next_, pid)) {  // listed twice (two GPUs)
      if (!seen->absent) proc = out[seen->place];
      continue;
    }
    mark* const before = find(marks_, pid);
    if (before && before->absent) {
      next_.emplace_back(pid, std::move(*before));
      continue;  // not looked for again while the list names it (see the header)
    }
    kept_file file = before ? std::move(before->stat_file)
                            : kept_file(procfs / std::to_string(pid) / "stat", 4096);
    const auto text = file.read();
    auto stat = text ? parse_pid_stat(*text) : std::nullopt;
    if (!stat) {  // gone or hidden: empty fields, never an error
      mark gone;
      gone.absent = true;
      next_.emplace_back(pid, std::move(gone));
      continue;
    }
    const bool same_process =
        before && before->start_ticks == stat->start_ticks && before->comm == stat->comm;
    if (same_process) {
      proc = before->identity;
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
    if (before && before->start_ticks == current.start_ticks) {
      const double wall = std::chrono::duration<double>(now - before->at).count();
      const std::uint64_t used =
          current.cpu_ticks >= before->cpu_ticks ? current.cpu_ticks - before->cpu_ticks : 0;
      const double cpu_seconds = static_cast<double>(used) / static_cast<double>(facts.clock_ticks);
      if (wall > 0.0) proc.cpu_percent = common::python_round(cpu_seconds / wall * 100.0, 1);
    }
    next_.emplace_back(pid, std::move(current));
  }
  marks_.swap(next_);
  next_.clear();
  return out;
}

}  // namespace smistat::system
