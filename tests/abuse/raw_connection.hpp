#pragma once
// Plain blocking and non-blocking TCP clients on 127.0.0.1 for the abuse tests, which need
// bytes no HTTP library would send and more connections than a library client is built for.

#include <chrono>
#include <string>

namespace smistat::test {

/** What came back for raw bytes sent on a fresh connection. */
struct raw_answer {
  std::string bytes;
  bool closed_by_server = false;  ///< EOF or reset, rather than our own deadline
};

/** Connects, writes `bytes` (as far as the server reads them), then reads until the server
 *  closes or `deadline` passes. */
raw_answer exchange(unsigned short port, const std::string& bytes,
                    std::chrono::milliseconds deadline);

/** A connected, non-blocking socket to 127.0.0.1:port; -1 on failure (errno set). */
int connect_nonblocking(unsigned short port);

/** Raises this process's soft descriptor limit to `wanted` (or the hard limit) and returns it;
 *  children started afterwards inherit it. */
unsigned long raise_descriptor_limit(unsigned long wanted);

}  // namespace smistat::test
