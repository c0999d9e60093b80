// Ten thousand connections at once, each asking for /gpu/count: the server survives, answers
// them, and serves a normal client afterwards. Runs from the release build (label release_only):
// under the sanitizers it takes minutes on a 2-core machine.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/abuse/connection_set.hpp"
#include "tests/abuse/latency_probe.hpp"
#include "tests/abuse/raw_connection.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

TEST(flood, ten_thousand_connections_at_once_are_survived_and_answered) {
  // The test sets the limit both sides run under (smistat inherits it): one descriptor per
  // connection on each side, and a margin for everything else.
  const auto limit = raise_descriptor_limit(20'000);
  const std::size_t wanted = std::min<std::size_t>(10'000, limit > 400 ? limit - 400 : 0);
  ASSERT_GE(wanted, 1000u) << "the descriptor limit is too low for this test";
  smistat_process server({"--replay", machine_dir("synthetic-8x-h100__590.48.01").string(),
                          "--read-timeout", "60", "--no-access-log"});
  ASSERT_NE(server.port(), 0);
  ASSERT_EQ(http_get(server.port(), "/gpu/count").status, 200u);

  const auto start = clock_type::now();
  connection_set flood;
  ASSERT_EQ(flood.connect(server.port(), wanted), wanted);
  const double connected_after = seconds_since(start);
  // A connect completes when the server accepts it; the request goes out as soon as it can.
  std::vector<std::size_t> sent(wanted, 0);
  const std::string request = "GET /gpu/count HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  while (flood.open_count() > 0 && seconds_since(start) < 240) {
    for (std::size_t i = 0; i < wanted; ++i) {
      if (!flood.open[i] || sent[i] == request.size()) continue;
      const auto n =
          ::send(flood.fds[i], request.data() + sent[i], request.size() - sent[i], MSG_NOSIGNAL);
      if (n > 0) sent[i] += static_cast<std::size_t>(n);
    }
    flood.drain(100);
  }
  const double done_after = seconds_since(start);
  std::size_t ok = 0;
  std::size_t unanswered = 0;
  for (const auto& r : flood.received) {
    if (r.rfind("HTTP/1.1 200", 0) == 0)
      ++ok;
    else if (r.empty())
      ++unanswered;
  }
  ASSERT_EQ(::kill(server.pid(), 0), 0) << "smistat died\n" << server.log();
  const auto after = measure_latency(server.port(), "/gpu/stats", 20);
  std::printf(
      "flood: %zu connections opened in %.2f s; %zu answered 200, %zu closed unanswered, "
      "%zu still open; done after %.2f s\n",
      wanted, connected_after, ok, unanswered, flood.open_count(), done_after);
  std::printf("GET /gpu/stats after the flood: %s\n", after.summary().c_str());
  EXPECT_EQ(ok, wanted);
  EXPECT_EQ(after.failures, 0u);
}

}  // namespace
}  // namespace smistat::test
