#include "src/system/process_id_lister.hpp"

#include <linux/magic.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <charconv>
#include <string>

#include "src/system/proc_text.hpp"

namespace smistat::system {

std::int64_t pid_of_entry(std::string_view name) {
  std::int64_t pid = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
  return ec == std::errc{} && end == name.data() + name.size() && pid > 0 ? pid : 0;
}

process_id_lister::process_id_lister(const std::filesystem::path& procfs)
    : dir_(::opendir(procfs.c_str())), loadavg_(procfs / "loadavg") {
  struct statfs fs {};
  const bool procfs_type =
      dir_ && ::fstatfs(::dirfd(dir_), &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
  // loadavg speaks of the reader's pid namespace: the folder must be that namespace's /proc,
  // where "self" names this process.
  std::error_code ec;
  own_procfs_ = procfs_type && std::filesystem::read_symlink(procfs / "self", ec).string() ==
                                   std::to_string(::getpid());
  // Opened now, with the lister (the first host reading, before smistat serves), so the
  // descriptor loadavg_ keeps is there from the start rather than appearing later.
  if (own_procfs_) loadavg_.read();
}

process_id_lister::~process_id_lister() {
  if (dir_) ::closedir(dir_);
}

std::vector<std::int64_t> process_id_lister::all() {
  // loadavg is read only where it speaks of this folder's pids.
  return list_all(own_procfs_ ? last_given_pid() : std::nullopt);
}

std::vector<std::int64_t> process_id_lister::newer() {
  if (!own_procfs_) return list_all(std::nullopt);
  const auto last_given = last_given_pid();
  if (!mark_ || !last_given || *last_given < mark_->last_given)  // none yet, or wrapped around
    return list_all(last_given);
  // A position telldir() gave on this same stream, which has stayed open since.
  ::seekdir(dir_, mark_->at);
  return list_from_here(last_given);
}

std::vector<std::int64_t> process_id_lister::list_all(std::optional<std::int64_t> last_given) {
  if (!dir_) return {};
  ::rewinddir(dir_);
  return list_from_here(last_given);
}

std::vector<std::int64_t> process_id_lister::list_from_here(
    std::optional<std::int64_t> last_given) {
  std::vector<std::int64_t> pids;
  std::optional<long> last_older_at;
  for (;;) {
    const long at = ::telldir(dir_);
    const dirent* entry = ::readdir(dir_);
    if (!entry) break;
    const std::int64_t pid = pid_of_entry(entry->d_name);
    if (pid == 0) continue;
    pids.push_back(pid);
    if (last_given && pid <= *last_given) last_older_at = at;
  }
  // Processes started from now on get pids above `last_given`, which procfs lists after the
  // last pid listed here up to it (older processes may sit above too once the pids have wrapped
  // around; they are listed again, harmlessly). Without such a pid the old mark stays: it lies
  // before them anyway.
  if (last_given && last_older_at) mark_ = mark{*last_older_at, *last_given};
  return pids;
}

std::optional<std::int64_t> process_id_lister::last_given_pid() {
  // "0.20 0.18 0.12 1/80 11206": the last field is the pid the kernel gave out last.
  const auto text = loadavg_.read();
  if (!text) return std::nullopt;
  const auto blank = text->find_last_of(' ');
  if (blank == std::string::npos) return std::nullopt;
  std::string_view last(*text);
  last.remove_prefix(blank + 1);
  while (!last.empty() && (last.back() == '\n' || last.back() == ' ')) last.remove_suffix(1);
  const std::int64_t pid = pid_of_entry(last);
  return pid != 0 ? std::optional(pid) : std::nullopt;
}

}  // namespace smistat::system
