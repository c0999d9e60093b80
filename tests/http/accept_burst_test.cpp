// A burst of connections: one wake-up of the accept loop takes every connection already queued
// (up to listener::max_accepts_per_wake), not one per trip through the main io_context's queue,
// where each trip waits behind every request ready on that io_context's connections.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <vector>

#include "src/http/listener.hpp"
#include "src/http/server.hpp"
#include "tests/http/test_client.hpp"

namespace smistat::http::test {
namespace {

/** A client socket connected to 127.0.0.1:`port`; the kernel completes the handshake and queues
 *  the connection for accept() before connect() returns. */
int connected_socket(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

TEST_F(server_test, one_accept_wake_takes_every_queued_connection_up_to_its_limit) {
  constexpr std::size_t queued = listener::max_accepts_per_wake + 50;
  std::size_t somaxconn = 0;
  std::ifstream("/proc/sys/net/core/somaxconn") >> somaxconn;
  if (somaxconn <= queued) GTEST_SKIP() << "the kernel queues only " << somaxconn << " connections";
  io_threads threads(1);  // never run: the test turns the main io_context by hand
  server srv(threads, test_options(), default_routes());
  std::vector<int> clients;
  for (std::size_t i = 0; i < queued; ++i) {
    const int fd = connected_socket(srv.port());
    ASSERT_GE(fd, 0) << "client " << i;
    clients.push_back(fd);
  }
  srv.start();

  auto& io = threads.main();
  for (int handlers = 0; srv.stats().connections_accepted == 0 && handlers < 100; ++handlers)
    io.poll_one();
  EXPECT_EQ(srv.stats().connections_accepted, listener::max_accepts_per_wake)
      << "the first wake-up took only some of the queued connections";
  for (int handlers = 0; srv.stats().connections_accepted < queued && handlers < 10'000; ++handlers)
    io.poll_one();
  EXPECT_EQ(srv.stats().connections_accepted, queued);

  for (const int fd : clients) ::close(fd);
  srv.stop();
  io.poll();
}

}  // namespace
}  // namespace smistat::http::test
