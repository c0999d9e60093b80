#include "tests/integration/e2e_probes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "tests/integration/smistat_process.hpp"

namespace smistat::test {

namespace json = boost::json;

json::value get_json(unsigned short port, const std::string& target) {
  const auto reply = http_get(port, target);
  EXPECT_EQ(reply.status, 200u) << target;
  return json::parse(reply.body);
}

bool is_degraded(const json::value& health) {
  return health.as_object().at("status").as_string() == "degraded";
}

std::string error_kind(const json::value& health) {
  const auto& err = health.at("collection").at("last_error");
  return err.is_null() ? "" : std::string(err.at("kind").as_string());
}

bool failed(const json::value& health) {
  return is_degraded(health) && !error_kind(health).empty();
}

std::string cmdline_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text;
}

namespace {

std::vector<pid_t> zombie_children(pid_t pid) {
  std::vector<pid_t> zombies;
  for (const auto kid : children_of(pid)) {
    std::ifstream stat("/proc/" + std::to_string(kid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z')
      zombies.push_back(kid);
  }
  return zombies;
}

}  // namespace

bool has_zombie_children(pid_t pid) {
  // A child that has just exited is a zombie until the runner's wait reaps it, which on a loaded
  // machine can take a moment. A leak is a zombie that stays: only one still unreaped after the
  // grace period counts.
  auto zombies = zombie_children(pid);
  for (int i = 0; i < 40 && !zombies.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto now = zombie_children(pid);
    std::erase_if(zombies,
                  [&](pid_t z) { return std::find(now.begin(), now.end(), z) == now.end(); });
  }
  return !zombies.empty();
}

std::size_t open_descriptors(pid_t pid) {
  std::error_code ec;
  std::size_t n = 0;
  for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", ec), end;
       !ec && it != end; it.increment(ec))
    ++n;
  return n;
}

}  // namespace smistat::test
