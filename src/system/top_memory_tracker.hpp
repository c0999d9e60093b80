#pragma once
// The processes holding the most memory (contract 001's system `top_processes`), kept current
// every host reading without opening every process's statm each time.
//
// A full pass reads every process's resident size: on a node with a few thousand processes that
// is thousands of open/read/close calls a second. Between full passes only the candidates (the
// largest processes of the last pass, several times as many as are shown) and processes that
// started since are read, so the sizes shown are always fresh and a new large process shows at
// once. What a partial reading cannot see is an old, small process growing past the candidates,
// or a process started after the kernel's pids wrapped around (process_id_lister): it shows at
// the next full pass. A full pass comes once `full_pass_every` has passed and at least
// `full_pass_readings` readings were taken since the last: with readings every second, every
// `full_pass_every`; with the rare readings of a host nobody looks at (host_demand), every
// `full_pass_readings`-th, so those stay cheap too.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/system/host_facts.hpp"
#include "src/system/process_id_lister.hpp"
#include "src/system/resident_sizes.hpp"
#include "src/system/system_info.hpp"

namespace smistat::system {

class top_memory_tracker {
 public:
  using clock = std::chrono::steady_clock;

  top_memory_tracker(std::size_t shown, clock::duration full_pass_every,
                     std::size_t full_pass_readings = 1);

  /** The `shown` largest processes of `procfs` by resident size (ties by pid), with names and
   *  users, as of `now`. */
  std::vector<process_memory> sample(const std::filesystem::path& procfs, const host_facts& facts,
                                     const user_names& users, clock::time_point now);

 private:
  /** Resident sizes of the candidates and of processes not seen before; the rest keep out. */
  std::vector<resident_size> partial_pass(const std::filesystem::path& procfs,
                                          std::uint64_t page_size);
  bool full_pass_due(clock::time_point now) const;
  /** Keeps the largest `candidate_count()` of `sizes` as the next candidates; beyond the shown
   *  places, none without resident pages (kernel threads have no memory of their own to grow
   *  into, and on a small machine they would be most of the candidates read every time). */
  void keep_candidates(std::vector<resident_size> sizes);
  std::size_t candidate_count() const { return shown_ * 4; }

  std::size_t shown_;
  clock::duration full_pass_every_;
  std::size_t full_pass_readings_;
  std::optional<clock::time_point> last_full_pass_;
  std::size_t readings_since_full_pass_ = 0;
  std::vector<std::int64_t> known_pids_;  ///< sorted: every pid seen since the last full pass
  std::vector<resident_size> candidates_;
  /** Finds the processes started since; kept open, so each reading lists only newer pids. */
  std::optional<process_id_lister> lister_;
  std::filesystem::path lister_path_;

  /** How a shown process was named. Its command line and owner are read again only when its
   *  start time or its comm changes (a new process under a reused pid, or an exec); a process
   *  that changes its uid without an exec keeps its old owner while it stays shown. */
  struct naming {
    std::uint64_t start = 0;
    std::string comm, name, username;
  };
  std::map<std::int64_t, naming> names_;  ///< the processes shown last time
};

}  // namespace smistat::system
