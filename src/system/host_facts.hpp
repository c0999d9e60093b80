#pragma once
// What a live host asks the kernel and libc for rather than /proc: uname(2) machine, the glibc
// version, page size, clock ticks, statvfs(2) and passwd lookups. A recorded root carries them
// as files (`proc/sys/kernel/arch`, `libc.txt`, `statvfs.txt`, `etc/passwd`), so every reader
// gets them from here and tests replay another host exactly.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace smistat::system {

/** True when `root` is the live filesystem root ("/"). */
bool is_live_root(const std::filesystem::path& root);

/** Constants of the host that do not change while the service runs. */
struct host_facts {
  std::string machine;        ///< uname machine: "x86_64"
  std::string glibc_version;  ///< gnu_get_libc_version(): "2.36"; "" when unknown
  std::uint64_t page_size = 4096;
  std::uint64_t clock_ticks = 100;  ///< sysconf(_SC_CLK_TCK)
};

/** Live from uname/libc/sysconf, or from the recorded `libc.txt` and `proc/sys/kernel/arch`. */
host_facts load_host_facts(const std::filesystem::path& root);

/** statvfs(2) fields psutil's disk_usage uses. */
struct fs_space {
  std::uint64_t fragment_size = 0;  ///< f_frsize
  std::uint64_t blocks = 0;         ///< f_blocks
  std::uint64_t blocks_free = 0;    ///< f_bfree (including the root reserve)
  std::uint64_t blocks_avail = 0;   ///< f_bavail (what unprivileged users may use)
};

/** statvfs(2) of mount points: live, or looked up in the recorded `statvfs.txt`. */
class space_source {
 public:
  /** Reads the recorded table once when `root` is not "/". */
  explicit space_source(const std::filesystem::path& root);
  /** The mount point's space; nullopt when statvfs fails or the table lacks it. */
  std::optional<fs_space> query(const std::string& mount_point) const;

 private:
  bool live_ = true;
  std::map<std::string, fs_space> recorded_;
};

/** uid -> user name: getpwuid_r live, the recorded `etc/passwd` otherwise. Live answers are
 *  kept for a minute: the host part names its top processes' users every reading, and a
 *  lookup reads all of /etc/passwd, or asks a directory server over the network. */
class user_names {
 public:
  /** Reads the recorded passwd once when `root` is not "/". */
  explicit user_names(const std::filesystem::path& root);
  /** psutil's username(): the passwd name, or the uid as text when no entry names it. */
  std::string name_of(std::uint32_t uid) const;

 private:
  struct remembered {
    std::string name;
    std::chrono::steady_clock::time_point until;
  };
  std::string look_up(std::uint32_t uid) const;

  bool live_ = true;
  std::map<std::uint32_t, std::string> recorded_;
  mutable std::mutex mutex_;
  mutable std::map<std::uint32_t, remembered> live_names_;
};

}  // namespace smistat::system
