#include "src/system/top_memory_tracker.hpp"

#include <algorithm>
#include <map>

#include "src/system/process_reader.hpp"

namespace smistat::system {
namespace {

bool larger(const resident_size& a, const resident_size& b) {
  return a.bytes != b.bytes ? a.bytes > b.bytes : a.pid < b.pid;
}

/** `sizes` cut to its `n` largest, largest first. */
void keep_largest(std::vector<resident_size>& sizes, std::size_t n) {
  const std::size_t keep = std::min(n, sizes.size());
  std::partial_sort(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(keep), sizes.end(),
                    larger);
  sizes.resize(keep);
}

}  // namespace

top_memory_tracker::top_memory_tracker(std::size_t shown, clock::duration full_pass_every,
                                       std::size_t full_pass_readings)
    : shown_(shown), full_pass_every_(full_pass_every), full_pass_readings_(full_pass_readings) {}

bool top_memory_tracker::full_pass_due(clock::time_point now) const {
  if (!last_full_pass_ || now < *last_full_pass_) return true;
  return now - *last_full_pass_ >= full_pass_every_ &&
         readings_since_full_pass_ + 1 >= full_pass_readings_;
}

std::vector<process_memory> top_memory_tracker::sample(const std::filesystem::path& procfs,
                                                       const host_facts& facts,
                                                       const user_names& users,
                                                       clock::time_point now) {
  // Opened with the first reading, which smistat takes before it serves, so the descriptor it
  // keeps is there from the start rather than appearing later.
  if (!lister_ || lister_path_ != procfs) {
    lister_.emplace(procfs);
    lister_path_ = procfs;
  }
  std::vector<resident_size> sizes;
  if (full_pass_due(now)) {
    sizes = read_resident_sizes(procfs, facts.page_size);
    known_pids_.clear();
    for (const auto& s : sizes) known_pids_.push_back(s.pid);
    std::sort(known_pids_.begin(), known_pids_.end());
    last_full_pass_ = now;
    readings_since_full_pass_ = 0;
  } else {
    sizes = partial_pass(procfs, facts.page_size);
    ++readings_since_full_pass_;
  }
  keep_candidates(sizes);
  std::vector<process_memory> top;
  std::map<std::int64_t, naming> named;
  for (std::size_t i = 0; i < std::min(shown_, candidates_.size()); ++i) {
    process_memory proc{candidates_[i].pid, {}, candidates_[i].bytes, {}};
    const auto stat = read_pid_stat(procfs, proc.pid);
    const auto known = names_.find(proc.pid);
    if (stat && known != names_.end() && known->second.start == stat->start_ticks &&
        known->second.comm == stat->comm) {
      proc.name = known->second.name;
      proc.username = known->second.username;
    } else {
      const auto args = read_cmdline(procfs, proc.pid).value_or(std::vector<std::string>{});
      proc.name = stat ? process_name(stat->comm, args) : "";
      const auto uid = read_real_uid(procfs, proc.pid);
      proc.username = uid ? users.name_of(*uid) : "";
    }
    if (stat) named[proc.pid] = {stat->start_ticks, stat->comm, proc.name, proc.username};
    top.push_back(std::move(proc));
  }
  names_ = std::move(named);
  return top;
}

std::vector<resident_size> top_memory_tracker::partial_pass(const std::filesystem::path& procfs,
                                                            std::uint64_t page_size) {
  std::vector<std::int64_t> wanted;
  std::vector<std::int64_t> started;
  for (const std::int64_t pid : lister_->newer()) {
    if (!std::binary_search(known_pids_.begin(), known_pids_.end(), pid)) started.push_back(pid);
  }
  for (const auto& c : candidates_) wanted.push_back(c.pid);
  wanted.insert(wanted.end(), started.begin(), started.end());
  // A process seen once is judged by that reading until the next full pass, like the others.
  known_pids_.insert(known_pids_.end(), started.begin(), started.end());
  std::sort(known_pids_.begin(), known_pids_.end());
  return read_resident_sizes_of(procfs, wanted, page_size);
}

void top_memory_tracker::keep_candidates(std::vector<resident_size> sizes) {
  keep_largest(sizes, candidate_count());
  // Largest first, so the ones without pages are at the end.
  while (sizes.size() > shown_ && sizes.back().bytes == 0) sizes.pop_back();
  candidates_ = std::move(sizes);
}

}  // namespace smistat::system
