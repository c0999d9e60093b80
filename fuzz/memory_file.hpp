#pragma once
// A file that lives in memory (memfd), for code that reads a path: the config sources open their
// files themselves, and a fuzz input must reach them without touching the disk.

#include <string>
#include <string_view>

namespace smistat::fuzz {

class memory_file {
 public:
  /** A new anonymous file holding `contents`. */
  explicit memory_file(std::string_view contents);
  ~memory_file();
  memory_file(const memory_file&) = delete;
  memory_file& operator=(const memory_file&) = delete;

  /** A path that opens it (`/proc/self/fd/N`), valid while this object lives. */
  const std::string& path() const noexcept { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace smistat::fuzz
