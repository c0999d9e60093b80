#include "tests/integration/quiescence.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/e2e_probes.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

/** Everything in /health that changes when a run starts or ends, other than the GPU samples of
 *  loop mode (a batch is no run: the loop child prints it and goes on). */
std::string activity_signature(const json::value& health) {
  const auto& c = health.at("collection").as_object();
  json::object sig;
  sig["in_flight"] = c.at("in_flight");
  sig["parts"] = c.at("parts");
  for (auto& [name, part] : sig["parts"].as_object())
    for (const char* volatile_key : {"age_seconds"}) part.as_object().erase(volatile_key);
  if (const auto* loop = c.if_contains("loop")) {
    sig["restarts"] = loop->at("restarts");
    sig["pid"] = loop->at("pid");
  } else {
    sig["runs_total"] = c.at("runs_total");
  }
  return json::serialize(sig);
}

bool at_rest(const json::value& health, std::size_t loop_children) {
  const auto& in_flight = health.at("collection").at("in_flight");
  return in_flight.at("runs").as_int64() == 0 &&
         in_flight.at("loop_children").as_int64() == static_cast<std::int64_t>(loop_children);
}

holdings read_holdings(pid_t pid) {
  holdings h;
  std::error_code ec;
  const fs::path fds = "/proc/" + std::to_string(pid) + "/fd";
  for (fs::directory_iterator it(fds, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code link_ec;
    const auto target = fs::read_symlink(it->path(), link_ec).string();
    if (link_ec) continue;  // closed since the listing
    ++(target.starts_with("socket:") ? h.sockets : h.descriptors);
  }
  h.children = children_of(pid).size();
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("Threads:"))
      h.threads = std::stoul(line.substr(8));
    else if (line.starts_with("VmRSS:"))
      h.rss_kib = std::stoul(line.substr(6));
  return h;
}

}  // namespace

holdings holdings_at_rest(const smistat_process& server, std::size_t loop_children) {
  constexpr int readings_wanted = 3;
  std::vector<holdings> readings;
  holdings last;
  // At most about two minutes: a loaded machine may take long to come to rest, never forever.
  for (int attempt = 0; attempt < 2400 && readings.size() < readings_wanted; ++attempt) {
    const auto before = get_json(server.port(), "/health");
    if (at_rest(before, loop_children)) {
      last = read_holdings(server.pid());
      const auto after = get_json(server.port(), "/health");
      if (at_rest(after, loop_children) &&
          activity_signature(before) == activity_signature(after)) {
        readings.push_back(last);
        continue;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(readings.size(), readings_wanted) << "the server never came to rest";
  if (readings.empty()) return last;
  holdings least = readings.front();
  for (const auto& r : readings) {
    least.descriptors = std::min(least.descriptors, r.descriptors);
    least.sockets = std::min(least.sockets, r.sockets);
    least.children = std::min(least.children, r.children);
    least.threads = std::min(least.threads, r.threads);
    least.rss_kib = std::min(least.rss_kib, r.rss_kib);
  }
  return least;
}

}  // namespace smistat::test
