// Every recorded machine rendered through contract 001, compared with
// tests/contracts/gpu_metrics_api/golden/<machine>/gpu.json (SMISTAT_UPDATE_GOLDEN=1 rewrites
// them).
#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "src/history/gpu_trend_history.hpp"
#include "tests/contracts/every_machine.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

TEST(gpu_metrics_api_golden, every_machine_matches_its_goldens) {
  const auto now = test::sample_time();
  test::for_every_machine(
      SMISTAT_GOLDEN_DIR, &test::machine_snapshot_001,
      [now](const collect::snapshot& s, const std::filesystem::path& golden) {
        history::gpu_trend_history history(trend_samples);
        EXPECT_TRUE(test::matches_golden(golden / "gpu.json",
                                         render_gpu_metrics(s, now, history.update(s))));
      });
}

// The recordings carry the figures the contract is about: a driver that reports PCIe
// throughput must show it, and compute apps must show up under their GPU.
TEST(gpu_metrics_api_golden, recorded_throughput_and_processes_reach_the_body) {
  const auto s = test::machine_snapshot_001(test::fixtures_dir() / "h100-80gb-hbm3__590.48.01");
  history::gpu_trend_history history(trend_samples);
  const std::string body = render_gpu_metrics(s, test::sample_time(), history.update(s));
  // 3092 KB/s and 6346 KB/s over 1024; gen5 x16 = 63008.0
  EXPECT_NE(
      body.find(
          R"("tx_throughput_mbps":3.0,"rx_throughput_mbps":6.2,"total_throughput_mbps":9.2,"max_bandwidth_mbps":63008.0,)"),
      std::string::npos)
      << body;
  // Largest first; the last app has no /proc details in the fixture, so its name stays empty.
  EXPECT_NE(body.find(R"("top_processes":[{"pid":11345,"name":"","memory_mb":15690.0,)"
                      R"("memory_percent":19.24,"username":"","cpu_percent":0.0},)"
                      R"({"pid":11327,"name":"memhog","memory_mb":2566.0,)"),
            std::string::npos)
      << body;
}

}  // namespace
}  // namespace smistat::render
