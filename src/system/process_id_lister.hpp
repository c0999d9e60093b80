#pragma once
// The pids under a /proc folder, listed whole or only from where the newest processes start.
//
// Every host reading looks for processes started since the last full pass, and listing all of
// /proc costs the kernel a lookup per process: a fifth of a reading on a quiet machine, more on
// a busy one. procfs lists pids in increasing order, and the kernel hands out pids in increasing
// order too until they wrap around, so every process started since a listing has a pid above the
// last one the kernel had given out then (/proc/loadavg's last field). The directory stream stays
// open and is sought back to where such pids start; only they are listed. When the pids wrap
// around, or on any other folder (the recorded trees the tests read, or a /proc of another pid
// namespace, whose loadavg still speaks of ours), everything is listed.

#include <dirent.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "src/system/kept_file.hpp"

namespace smistat::system {

/** A directory entry's name as a pid: a whole positive decimal number; 0 for anything else
 *  ("self", "sys", ...). */
std::int64_t pid_of_entry(std::string_view name);

class process_id_lister {
 public:
  explicit process_id_lister(const std::filesystem::path& procfs);
  ~process_id_lister();
  process_id_lister(const process_id_lister&) = delete;
  process_id_lister& operator=(const process_id_lister&) = delete;

  /** Every pid, in directory order; empty when the folder cannot be opened. */
  std::vector<std::int64_t> all();

  /** On this process's own procfs, the pids the kernel gave out since the last listing, with
   *  the one listed just before them and, once the pids have wrapped around, the older ones
   *  above them; elsewhere, before any listing, or when the pids wrapped since, all(). */
  std::vector<std::int64_t> newer();

 private:
  /** Where the next newer() starts listing. */
  struct mark {
    long at;                  ///< telldir() on this stream
    std::int64_t last_given;  ///< the last pid the kernel had given out then
  };

  /** Every pid, with `last_given` already read (nullopt where loadavg does not apply). */
  std::vector<std::int64_t> list_all(std::optional<std::int64_t> last_given);
  std::vector<std::int64_t> list_from_here(std::optional<std::int64_t> last_given);
  std::optional<std::int64_t> last_given_pid();

  DIR* dir_ = nullptr;
  kept_file loadavg_;  ///< read with every newer()
  bool own_procfs_ = false;
  std::optional<mark> mark_;
};

}  // namespace smistat::system
