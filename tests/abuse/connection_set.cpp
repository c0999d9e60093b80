#include "tests/abuse/connection_set.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "tests/abuse/raw_connection.hpp"

namespace smistat::test {

connection_set::~connection_set() {
  for (const int fd : fds)
    if (fd >= 0) ::close(fd);
}

std::size_t connection_set::open_count() const {
  return static_cast<std::size_t>(std::count(open.begin(), open.end(), true));
}

std::size_t connection_set::connect(unsigned short port, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const int fd = connect_nonblocking(port);
    if (fd < 0) break;
    fds.push_back(fd);
    open.push_back(true);
    received.emplace_back();
  }
  return fds.size();
}

void connection_set::drain(int timeout_ms) {
  std::vector<pollfd> polled;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (!open[i]) continue;
    polled.push_back({fds[i], POLLIN, 0});
    index.push_back(i);
  }
  if (polled.empty() || ::poll(polled.data(), polled.size(), timeout_ms) <= 0) return;
  char chunk[4096];
  for (std::size_t k = 0; k < polled.size(); ++k) {
    if (polled[k].revents == 0) continue;
    const auto i = index[k];
    const auto n = ::recv(fds[i], chunk, sizeof chunk, 0);
    if (n > 0) {
      received[i].append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      open[i] = false;
    }
  }
}

void connection_set::send_all(const std::string& bytes) {
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (!open[i]) continue;
    if (::send(fds[i], bytes.data(), bytes.size(), MSG_NOSIGNAL) < 0 && errno != EAGAIN)
      open[i] = false;  // reset by the server
  }
}

}  // namespace smistat::test
