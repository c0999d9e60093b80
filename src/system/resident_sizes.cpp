#include "src/system/resident_sizes.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <memory>
#include <string_view>

#include "src/system/process_id_lister.hpp"

namespace smistat::system {
namespace {

struct directory_closer {
  void operator()(DIR* d) const { ::closedir(d); }
};

/** The second field of a statm text ("size resident shared ..."), in pages. */
bool resident_pages(std::string_view statm, std::uint64_t& pages) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  std::size_t at = 0;
  while (at < statm.size() && !blank(statm[at])) ++at;  // the first field, size
  while (at < statm.size() && blank(statm[at])) ++at;
  const char* begin = statm.data() + at;
  const char* const last = statm.data() + statm.size();
  const auto [end, ec] = std::from_chars(begin, last, pages);
  return at > 0 && ec == std::errc{} && end != begin &&
         (end == last || blank(*end) || *end == '\n');
}

/** `<pid>/statm` read relative to the /proc descriptor; false when it cannot be read. */
bool read_statm(int proc_fd, std::string_view pid_name, std::uint64_t& pages) {
  char path[48];
  if (pid_name.size() + sizeof "/statm" > sizeof path) return false;
  pid_name.copy(path, pid_name.size());
  std::string_view("/statm").copy(path + pid_name.size(), 6);
  path[pid_name.size() + 6] = '\0';
  const int fd = ::openat(proc_fd, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  // statm is seven numbers on one line: far less than the buffer, so one read has all of it.
  char text[256];
  ::ssize_t n;
  do {
    n = ::read(fd, text, sizeof text);
  } while (n < 0 && errno == EINTR);
  ::close(fd);
  return n > 0 && resident_pages(std::string_view(text, static_cast<std::size_t>(n)), pages);
}

}  // namespace

std::vector<resident_size> read_resident_sizes(const std::filesystem::path& procfs,
                                               std::uint64_t page_size) {
  std::vector<resident_size> sizes;
  const std::unique_ptr<DIR, directory_closer> dir(::opendir(procfs.c_str()));
  if (!dir) return sizes;
  const int proc_fd = ::dirfd(dir.get());
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string_view name(entry->d_name);
    const std::int64_t pid = pid_of_entry(name);
    std::uint64_t pages = 0;
    if (pid != 0 && read_statm(proc_fd, name, pages)) sizes.push_back({pid, pages * page_size});
  }
  return sizes;
}

std::vector<resident_size> read_resident_sizes_of(const std::filesystem::path& procfs,
                                                  const std::vector<std::int64_t>& pids,
                                                  std::uint64_t page_size) {
  std::vector<resident_size> sizes;
  const int proc_fd = ::open(procfs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (proc_fd < 0) return sizes;
  for (const std::int64_t pid : pids) {
    char name[24];
    const auto [end, ec] = std::to_chars(name, name + sizeof name, pid);
    std::uint64_t pages = 0;
    if (ec == std::errc{} && read_statm(proc_fd, std::string_view(name, end - name), pages))
      sizes.push_back({pid, pages * page_size});
  }
  ::close(proc_fd);
  return sizes;
}

}  // namespace smistat::system
