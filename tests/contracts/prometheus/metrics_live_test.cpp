// The real server replaying a recorded machine: the fields asked for only once the driver's
// --help-query-gpu offers them reach /metrics from a later sample, and smistat_gpus_expected
// follows --gpus-expected or the GPUs seen.
#include <gtest/gtest.h>

#include <string>

#include "tests/contracts/prometheus/live_metrics.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

TEST(MetricsLive, OfferedFieldsReachTheNvidiaSmiProfile) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--metrics.profile",
                          "nvidia_smi", "--refresh-interval", "0.2", "--gpus-expected", "9"});
  ASSERT_NE(server.port(), 0);
  const auto body = metrics_with(server.port(), "nvidia_smi_ecc_errors_corrected_volatile_dram{");
  EXPECT_EQ(lines_starting(body, "nvidia_smi_ecc_errors_corrected_volatile_dram{").size(), 8u)
      << server.log();
  EXPECT_EQ(lines_starting(body, "nvidia_smi_fabric_state{").size(), 8u);
  EXPECT_EQ(lines_starting(body, "nvidia_smi_gpu_recovery_action{").size(), 8u);
  EXPECT_EQ(lines_starting(body, "nvidia_smi_clocks_event_reasons_hw_thermal_slowdown{").size(),
            8u);
  EXPECT_EQ(lines_starting(body, "smistat_gpus_expected "),
            std::vector<std::string>{"smistat_gpus_expected 9"});
  EXPECT_EQ(lines_starting(body, "smistat_gpus "), std::vector<std::string>{"smistat_gpus 8"});
}

TEST(MetricsLive, LoopModeAsksForTheOfferedFieldsToo) {
  // The loop child starts once the driver's list is read, so its one child asks for them.
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--metrics.profile",
                          "nvidia_smi", "--collect-mode", "loop", "--refresh-interval", "0.1"});
  ASSERT_NE(server.port(), 0);
  const auto body = metrics_with(server.port(), "nvidia_smi_fabric_state{");
  EXPECT_EQ(lines_starting(body, "nvidia_smi_fabric_state{").size(), 8u) << server.log();
  const auto health = http_get(server.port(), "/health").body;
  EXPECT_NE(health.find("\"restarts\":0"), std::string::npos) << health;
}

TEST(MetricsLive, DcgmProfileExpectsTheGpusSeen) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string()});
  ASSERT_NE(server.port(), 0);
  const auto body = metrics_with(server.port(), "DCGM_FI_DEV_ECC_DBE_VOL_DEV{");
  EXPECT_EQ(lines_starting(body, "DCGM_FI_DEV_ECC_DBE_VOL_DEV{").size(), 8u) << server.log();
  EXPECT_EQ(lines_starting(body, "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{").size(), 8u);
  EXPECT_EQ(lines_starting(body, "smistat_gpus_expected "),
            std::vector<std::string>{"smistat_gpus_expected 8"});
}

}  // namespace
}  // namespace smistat::test
