// The host is read at its own cadence only while answers that show it are asked for: a server
// that only serves GPU figures reads /proc and /sys every host_demand::idle_interval (30 s), and
// the first /gpu (or /api/v1/metrics) brings the readings back to the host interval.
#include <gtest/gtest.h>

#include <boost/json/value.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;
using steady = std::chrono::steady_clock;

std::int64_t host_readings(const json::value& health) {
  return health.at("collection").at("parts").at("host").at("runs_total").as_int64();
}

std::int64_t gpu_samples(const json::value& health) {
  return health.at("collection").at("runs_total").as_int64();
}

class host_demand_e2e : public ::testing::TestWithParam<const char*> {};

TEST_P(host_demand_e2e, nobody_looking_reads_rarely_a_reader_brings_the_cadence_back) {
  const std::string route = GetParam();
  smistat_process server({"--replay", machine_dir("synthetic-8x-h100__590.48.01").string(),
                          "--collect-mode", "loop", "--refresh-interval", "0.1", "--host-interval",
                          "0.1"});
  ASSERT_NE(server.port(), 0) << server.log();
  const auto started = steady::now();

  // Twenty GPU samples, asked for by GPU-only routes: each would have taken a host reading.
  const auto quiet = poll_json(server.port(), "/health", [&](const json::value& h) {
    get_json(server.port(), "/gpu/stats");
    return gpu_samples(h) >= 20;
  });
  ASSERT_GE(gpu_samples(quiet), 20);
  // The reading before listening, and one per idle interval since (however slow the machine).
  const auto quiet_seconds = std::chrono::duration<double>(steady::now() - started).count();
  EXPECT_LE(host_readings(quiet), 2 + static_cast<std::int64_t>(quiet_seconds / 30))
      << "after " << quiet_seconds << " s";

  // Someone looks: readings follow the host interval again, and the answers show them.
  const auto before = host_readings(quiet);
  const auto watched = poll_json(server.port(), "/health", [&](const json::value& h) {
    get_json(server.port(), route);
    return host_readings(h) >= before + 5;
  });
  EXPECT_GE(host_readings(watched), before + 5);
}

INSTANTIATE_TEST_SUITE_P(routes_showing_the_host, host_demand_e2e,
                         ::testing::Values("/gpu", "/api/v1/metrics"), [](const auto& param_info) {
                           return std::string(param_info.param) == "/gpu" ? "gpu_metrics_api"
                                                                          : "fleet_manager";
                         });

}  // namespace
}  // namespace smistat::test
