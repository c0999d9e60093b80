#pragma once
// A /proc or /sys file read again and again through one descriptor.
//
// The kernel writes these files afresh on every read from offset 0, so a reader that keeps the
// descriptor pays one pread per reading instead of an open (a path walk), two reads and a close.
// For a process's file the descriptor also pins the process: once it has ended, reads fail
// (ESRCH) instead of reaching a newer process that reused its pid. Files anywhere else (the
// recorded trees tests read) are opened for every reading, so a replaced file is seen at once.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace smistat::system {

class kept_file {
 public:
  /** Nothing is opened before the first read. `limit` bounds what one reading holds. */
  explicit kept_file(std::filesystem::path path, std::size_t limit = std::size_t{1} << 20);
  ~kept_file();
  kept_file(kept_file&& other) noexcept;
  kept_file& operator=(kept_file&& other) noexcept;
  kept_file(const kept_file&) = delete;
  kept_file& operator=(const kept_file&) = delete;

  /** The file's text now; nullopt when it cannot be opened or read. Valid until the next read.
   *  A kept descriptor that fails is closed, and the next reading opens the file again. */
  std::optional<std::string_view> read();

  const std::filesystem::path& path() const noexcept { return path_; }
  /** Whether a descriptor is held open between readings now. */
  bool kept() const noexcept { return fd_ >= 0; }

 private:
  void close() noexcept;

  std::filesystem::path path_;
  std::size_t limit_;
  int fd_ = -1;
  std::string text_;
};

/** Reads to the end of `fd` from `offset` into `text` (replacing it), at most `limit` bytes;
 *  false on a read error. A short read is the end: the kernel fills a /proc or /sys read as far
 *  as the file goes, and a regular file reads short only at its end (procps reads so too). */
bool read_whole(int fd, std::string& text, std::size_t limit, bool positioned);

}  // namespace smistat::system
