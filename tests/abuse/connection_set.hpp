#pragma once
// Many non-blocking client connections driven from one thread with poll(2), for tests that hold
// more connections than threads could.

#include <cstddef>
#include <string>
#include <vector>

namespace smistat::test {

/** Non-blocking sockets to one server and what each received; closed with the set. */
struct connection_set {
  std::vector<int> fds;
  std::vector<bool> open;  ///< false once the server closed or reset it
  std::vector<std::string> received;

  connection_set() = default;
  ~connection_set();
  connection_set(const connection_set&) = delete;
  connection_set& operator=(const connection_set&) = delete;

  std::size_t open_count() const;
  /** Opens up to `n` connections to 127.0.0.1:port; returns how many are open. */
  std::size_t connect(unsigned short port, std::size_t n);
  /** Waits up to `timeout_ms` and reads what arrived on every open socket; a socket the server
   *  closed or reset is marked closed. */
  void drain(int timeout_ms);
  /** Sends `bytes` on every open socket, as far as each takes them now. */
  void send_all(const std::string& bytes);
};

}  // namespace smistat::test
