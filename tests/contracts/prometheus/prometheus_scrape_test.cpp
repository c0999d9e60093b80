// A real Prometheus server (Debian's /usr/bin/prometheus) scrapes two smistat processes that
// replay different recorded machines; its query API must see both up and every GPU.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "tests/contracts/prometheus/prometheus_server.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

TEST(PrometheusScrape, SeesBothServersAndEveryGpu) {
  if (!std::filesystem::exists(prometheus_binary))
    GTEST_SKIP() << "/usr/bin/prometheus not found: install the Debian package `prometheus` "
                    "(.ci/install-deps does) to run the scrape test";
  const std::string machine_a = "h100-80gb-hbm3__590.48.01";
  const std::string machine_b = "synthetic-8x-h100__590.48.01";
  smistat_process a({"--replay", machine_dir(machine_a).string()});
  smistat_process b({"--replay", machine_dir(machine_b).string()});
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  const auto fixture_a = snapshot_from_machine(machine_dir(machine_a));
  const auto fixture_b = snapshot_from_machine(machine_dir(machine_b));
  const auto total_gpus = fixture_a.gpus.rows.size() + fixture_b.gpus.rows.size();

  prometheus_server prom({a.port(), b.port()});
  const bool both_up = eventually([&] {
    const auto up = prom.query("up == 1");
    return up.size() == 2;
  });
  ASSERT_TRUE(both_up) << "smistat answered " << http_get(a.port(), "/metrics").status
                       << " on /metrics (404: the route is not registered in make_routes)\n"
                       << "prometheus log:\n"
                       << prom.log();

  ASSERT_TRUE(eventually([&] {
    const auto r = prom.query("count(DCGM_FI_DEV_GPU_UTIL)");
    return r.size() == 1 && sample_value(r.at(0)) == static_cast<double>(total_gpus);
  })) << "count(DCGM_FI_DEV_GPU_UTIL) never reached "
      << total_gpus;

  // Total memory does not vary while replaying, so it must equal the recording. The recorded
  // machines share anonymised UUIDs, so the instance tells them apart.
  const auto total = parsers::to_number(*fixture_a.gpus.find(0, "memory.total"));
  ASSERT_TRUE(total);
  const auto instance = "127.0.0.1:" + std::to_string(a.port());
  const auto r = prom.query("DCGM_FI_DEV_FB_TOTAL{instance=\"" + instance + "\",gpu=\"0\"}");
  ASSERT_EQ(r.size(), 1u) << instance;
  EXPECT_EQ(sample_value(r.at(0)), *total);
}

}  // namespace
}  // namespace smistat::test
