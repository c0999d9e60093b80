#include "fuzz/memory_file.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include "fuzz/check.hpp"

namespace smistat::fuzz {

memory_file::memory_file(std::string_view contents)
    : fd_(::memfd_create("fuzz-input", MFD_CLOEXEC)) {
  expect(fd_ >= 0, "memfd_create");
  for (std::string_view rest = contents; !rest.empty();) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    expect(n > 0, "write to a memfd");
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  path_ = "/proc/self/fd/" + std::to_string(fd_);
}

memory_file::~memory_file() { ::close(fd_); }

}  // namespace smistat::fuzz
