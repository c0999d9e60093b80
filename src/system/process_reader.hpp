#pragma once
// Reading /proc/<pid>: name, owner, command line, CPU times, start time and RSS, as psutil's
// Process does. Every function returns nullopt for a pid that vanished or cannot be read.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/system/host_facts.hpp"
#include "src/system/system_info.hpp"

namespace smistat::system {

/** The fields of /proc/<pid>/stat the sampler uses (times in clock ticks). */
struct pid_stat {
  std::string comm;                    ///< field 2, between the first '(' and the last ')'
  std::uint64_t utime = 0, stime = 0;  ///< fields 14 and 15
  std::uint64_t start_ticks = 0;       ///< field 22: ticks after boot
  std::uint64_t vsize_bytes = 0;       ///< field 23
  std::uint64_t rss_pages = 0;         ///< field 24
};

/** Parses /proc/<pid>/stat; the name may hold spaces and parentheses. */
std::optional<pid_stat> parse_pid_stat(std::string_view text);

/** Reads and parses `<procfs>/<pid>/stat`. */
std::optional<pid_stat> read_pid_stat(const std::filesystem::path& procfs, std::int64_t pid);

/** The real uid (first `Uid:` column of /proc/<pid>/status), which psutil names the user by. */
std::optional<std::uint32_t> read_real_uid(const std::filesystem::path& procfs, std::int64_t pid);

/** The NUL-separated arguments of /proc/<pid>/cmdline; empty for kernel threads. */
std::optional<std::vector<std::string>> read_cmdline(const std::filesystem::path& procfs,
                                                     std::int64_t pid);

/** psutil name(): comm, or the first argument's base name when comm is its 15-char prefix. */
std::string process_name(const std::string& comm, const std::vector<std::string>& args);

/** The arguments joined by single spaces. */
std::string join_args(const std::vector<std::string>& args);

}  // namespace smistat::system
