#pragma once
// An owned file descriptor, closed on destruction.

#include <unistd.h>

#include <utility>

namespace smistat::runner::detail {

/** Owns one descriptor; -1 means empty. */
class unique_fd {
 public:
  unique_fd() noexcept = default;
  /** Takes ownership of `fd` (which may be -1). */
  explicit unique_fd(int fd) noexcept : fd_(fd) {}
  unique_fd(unique_fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  unique_fd& operator=(unique_fd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  ~unique_fd() { reset(); }

  /** The descriptor, still owned. */
  int get() const noexcept { return fd_; }
  /** Gives up ownership. */
  int release() noexcept { return std::exchange(fd_, -1); }
  /** Closes the current descriptor and owns `fd` instead. */
  void reset(int fd = -1) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace smistat::runner::detail
