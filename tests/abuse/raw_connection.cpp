#include "tests/abuse/raw_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace smistat::test {
namespace {

sockaddr_in loopback(unsigned short port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

long remaining_ms(std::chrono::steady_clock::time_point until) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - std::chrono::steady_clock::now());
  return std::max<long>(0, static_cast<long>(left.count()));
}

}  // namespace

int connect_nonblocking(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const auto addr = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 &&
      errno != EINPROGRESS) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

raw_answer exchange(unsigned short port, const std::string& bytes,
                    std::chrono::milliseconds deadline) {
  raw_answer answer;
  const auto until = std::chrono::steady_clock::now() + deadline;
  const int fd = connect_nonblocking(port);
  if (fd < 0) return answer;
  std::size_t sent = 0;
  char chunk[65536];
  for (;;) {
    pollfd p{fd, static_cast<short>(POLLIN | (sent < bytes.size() ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, static_cast<int>(remaining_ms(until))) <= 0) break;  // our deadline
    if (p.revents & POLLIN || p.revents & (POLLHUP | POLLERR)) {
      const auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n > 0) {
        answer.bytes.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        answer.closed_by_server = true;
        break;
      }
    }
    if (p.revents & POLLOUT) {
      const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<std::size_t>(n);
      // A server that stopped reading (it answered and closed) refuses the rest: read on.
      if (n < 0 && errno != EAGAIN && errno != EINTR) sent = bytes.size();
    }
  }
  ::close(fd);
  return answer;
}

unsigned long raise_descriptor_limit(unsigned long wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  const rlim_t target = std::min<rlim_t>(wanted, limit.rlim_max);
  if (limit.rlim_cur < target) {
    limit.rlim_cur = target;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur;
}

}  // namespace smistat::test
