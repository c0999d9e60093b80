#include "src/system/kept_file.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

namespace smistat::system {
namespace {

/** Whether the kernel generates `fd`'s file on every read (procfs, sysfs). */
bool generated_by_kernel(int fd) {
  struct statfs fs {};
  if (::fstatfs(fd, &fs) != 0) return false;
  return fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC;
}

}  // namespace

bool read_whole(int fd, std::string& text, std::size_t limit, bool positioned) {
  text.clear();
  // Most of these files fit a page; the string keeps its capacity between readings.
  constexpr std::size_t chunk = 4096;
  while (text.size() < limit) {
    const std::size_t want = std::min(chunk, limit - text.size());
    const std::size_t at = text.size();
    text.resize(at + want);
    const ::ssize_t n = positioned ? ::pread(fd, text.data() + at, want, static_cast<off_t>(at))
                                   : ::read(fd, text.data() + at, want);
    if (n < 0 && errno == EINTR) {
      text.resize(at);
      continue;
    }
    // A read error (EACCES on another user's /proc entry, EIO, ESRCH once a process has
    // ended) is no text, not a short one.
    if (n < 0) return false;
    text.resize(at + static_cast<std::size_t>(n));
    if (static_cast<std::size_t>(n) < want) break;
  }
  return true;
}

kept_file::kept_file(std::filesystem::path path, std::size_t limit)
    : path_(std::move(path)), limit_(limit) {}

kept_file::~kept_file() { close(); }

kept_file::kept_file(kept_file&& other) noexcept
    : path_(std::move(other.path_)),
      limit_(other.limit_),
      fd_(std::exchange(other.fd_, -1)),
      text_(std::move(other.text_)) {}

kept_file& kept_file::operator=(kept_file&& other) noexcept {
  if (this != &other) {
    close();
    path_ = std::move(other.path_);
    limit_ = other.limit_;
    fd_ = std::exchange(other.fd_, -1);
    text_ = std::move(other.text_);
  }
  return *this;
}

void kept_file::close() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::optional<std::string_view> kept_file::read() {
  if (fd_ >= 0) {
    if (read_whole(fd_, text_, limit_, true)) return std::string_view(text_);
    close();
    return std::nullopt;
  }
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  const bool ok = read_whole(fd, text_, limit_, false);
  if (ok && generated_by_kernel(fd))
    fd_ = fd;
  else
    ::close(fd);
  if (!ok) return std::nullopt;
  return std::string_view(text_);
}

}  // namespace smistat::system
