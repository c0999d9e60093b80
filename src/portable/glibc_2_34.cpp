// The portable binaries promise to run on glibc 2.34 (RHEL 9, Ubuntu 22.04), but some of the
// static libraries they carry were built by Debian 12 against glibc 2.36 and call functions that
// glibc added in 2.36: libstdc++'s std::random_device calls arc4random, libxcrypt's salt
// generator arc4random_buf, and c-ares (in the Kubernetes helper, for DNS query IDs) both. Defined
// here, in the executable, they are bound before libc.so.6 is searched, so the binaries ask the
// loader for nothing newer than GLIBC_2.34 (tests/dist/portable_binary_test.sh checks it). Like
// glibc's own, they read getrandom(2), which every kernel glibc 2.34 supports has; a failure to
// read it is not survivable, as in glibc.
#include <sys/random.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" {

void arc4random_buf(void* buffer, std::size_t size) noexcept {
  auto* out = static_cast<unsigned char*>(buffer);
  while (size > 0) {
    const ssize_t got = ::getrandom(out, size, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::fputs("smistat: getrandom failed; no secure random bytes\n", stderr);
      std::abort();
    }
    out += got;
    size -= static_cast<std::size_t>(got);
  }
}

std::uint32_t arc4random() noexcept {
  std::uint32_t value = 0;
  arc4random_buf(&value, sizeof value);
  return value;
}

}  // extern "C"
