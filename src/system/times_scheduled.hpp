#pragma once
// How many times the kernel has put a task on a CPU: the third figure of /proc/<pid>/schedstat.
// A process that sleeps between iterations of a loop wakes at least once per iteration, so a
// count that grows says the loop goes round even while it prints nothing; one stuck in a
// driver call or a pause does not wake, and its count stands still.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "src/system/kept_file.hpp"

namespace smistat::system {

/** The "timeslices run" figure of a schedstat file's text; nullopt when it is not three
 *  unsigned numbers. */
std::optional<std::uint64_t> parse_times_scheduled(std::string_view schedstat);

/** That figure for `pid` under `procfs` (this process's own namespace by default); nullopt
 *  when the process is gone or the kernel keeps no such figure (built without schedstats). */
std::optional<std::uint64_t> times_scheduled(int pid,
                                             const std::filesystem::path& procfs = "/proc");

/** times_scheduled() for a pid looked at again and again (a loop child, once per sample): the
 *  file stays open until another pid is asked for. */
class times_scheduled_reader {
 public:
  explicit times_scheduled_reader(std::filesystem::path procfs = "/proc");
  std::optional<std::uint64_t> operator()(int pid);

 private:
  std::filesystem::path procfs_;
  int pid_ = 0;
  std::optional<kept_file> file_;
};

}  // namespace smistat::system
