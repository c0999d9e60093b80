#include "tests/contracts/prometheus/live_metrics.hpp"

#include <chrono>
#include <thread>

#include "tests/integration/http_client.hpp"

namespace smistat::test {

std::string metrics_with(unsigned short port, const std::string& needle) {
  using namespace std::chrono_literals;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  std::string body;
  while (std::chrono::steady_clock::now() < deadline) {
    body = http_get(port, "/metrics").body;
    if (body.find(needle) != std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  return body;
}

}  // namespace smistat::test
