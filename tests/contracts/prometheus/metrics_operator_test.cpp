// The families an operator alerts on: per-reason clock-event gauges from the bitmask, the
// recovery action and fabric state mapped to numbers, the ECC counts per location, and the
// expected GPU count. Each is checked with known values and with unknown ones, which must give
// no sample rather than a plausible number.
#include <gtest/gtest.h>

#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi_states.hpp"
#include "src/contracts/prometheus/metrics_self.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

using test::fixed_settings;
using test::lines_starting;
using test::snapshot_of;

std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

TEST(MetricsOperator, ReasonBitsAreNvmls) {
  // nvml.h: nvmlClocksEventReasonGpuIdle 0x1 ... HwPowerBrakeSlowdown 0x80.
  const std::map<std::string_view, std::uint64_t> nvml{
      {"gpu_idle", 0x1},
      {"applications_clocks_setting", 0x2},
      {"sw_power_cap", 0x4},
      {"hw_slowdown", 0x8},
      {"sync_boost", 0x10},
      {"sw_thermal_slowdown", 0x20},
      {"hw_thermal_slowdown", 0x40},
      {"hw_power_brake_slowdown", 0x80},
  };
  ASSERT_EQ(clock_event_reasons().size(), nvml.size());
  for (const auto& r : clock_event_reasons()) EXPECT_EQ(r.bit, nvml.at(r.name)) << r.name;
  const auto mask = parsers::make_cell("0x0000000000000041");
  EXPECT_EQ(clock_event_reason_active(mask, 0x40), true);
  EXPECT_EQ(clock_event_reason_active(mask, 0x1), true);
  EXPECT_EQ(clock_event_reason_active(mask, 0x80), false);
  for (const char* unknown : {"[N/A]", "[Not Supported]", "N/A", "", "Active"})
    EXPECT_EQ(clock_event_reason_active(parsers::make_cell(unknown), 0x1), std::nullopt) << unknown;
}

TEST(MetricsOperator, DecodedBitsAgreeWithNvidiaSmisOwnReasonFields) {
  // Every recording also holds nvidia-smi's per-reason fields (`Active`/`Not Active`), which
  // smistat does not ask for: the bits decoded from the bitmask must say the same.
  std::size_t compared = 0;
  for (const auto& dir : test::machine_dirs()) {
    const auto s = test::snapshot_from_machine(dir);
    for (std::size_t r = 0; r < s.gpus.rows.size(); ++r) {
      const auto* mask = s.gpus.find(r, "clocks_event_reasons.active");
      if (!mask) continue;
      for (const auto& reason : clock_event_reasons()) {
        const auto* own = s.gpus.find(r, "clocks_event_reasons." + std::string(reason.name));
        if (!own || !parsers::to_flag(*own)) continue;
        EXPECT_EQ(clock_event_reason_active(*mask, reason.bit), parsers::to_flag(*own))
            << dir.filename() << " row " << r << " " << reason.name;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 100u);
}

const std::vector<std::string> reason_fields{"index", "uuid", "name", "pci.bus_id",
                                             "clocks_event_reasons.active"};
constexpr std::string_view reason_rows =
    "0, GPU-AAAA, NVIDIA H100, 00000000:01:00.0, 0x0000000000000041\n"
    "1, GPU-BBBB, NVIDIA H100, 00000000:02:00.0, [N/A]\n"
    "2, GPU-CCCC, NVIDIA H100, 00000000:03:00.0, [Not Supported]\n";

TEST(MetricsOperator, NvidiaSmiHasAGaugePerReason) {
  const auto out = render_nvidia_smi_metrics(snapshot_of(reason_fields, reason_rows));
  EXPECT_EQ(lines_starting(out, "nvidia_smi_clocks_event_reasons_hw_thermal_slowdown{"),
            std::vector<std::string>{
                "nvidia_smi_clocks_event_reasons_hw_thermal_slowdown{uuid=\"aaaa\"} 1"});
  EXPECT_EQ(lines_starting(out, "nvidia_smi_clocks_event_reasons_gpu_idle{"),
            std::vector<std::string>{"nvidia_smi_clocks_event_reasons_gpu_idle{uuid=\"aaaa\"} 1"});
  EXPECT_EQ(lines_starting(out, "nvidia_smi_clocks_event_reasons_hw_power_brake_slowdown{"),
            std::vector<std::string>{
                "nvidia_smi_clocks_event_reasons_hw_power_brake_slowdown{uuid=\"aaaa\"} 0"});
  EXPECT_EQ(lines_starting(out, "# TYPE nvidia_smi_clocks_event_reasons_sync_boost").front(),
            "# TYPE nvidia_smi_clocks_event_reasons_sync_boost gauge");
  // Eight reasons and the bitmask itself, for the one GPU whose bitmask is known.
  const auto samples = lines_starting(out, "nvidia_smi_clocks_event_reasons_");
  EXPECT_EQ(samples.size(), 9u);
  for (const auto& line : samples) EXPECT_NE(line.find("uuid=\"aaaa\""), std::string::npos) << line;
}

TEST(MetricsOperator, UnknownBitmaskLeavesNoReasonFamily) {
  const auto out = render_nvidia_smi_metrics(
      snapshot_of(reason_fields, "1, GPU-BBBB, NVIDIA H100, 00000000:02:00.0, [Unknown Error]\n"));
  EXPECT_EQ(out.find("clocks_event_reasons"), std::string::npos) << out;
  const auto dcgm = render_dcgm_metrics(
      snapshot_of(reason_fields, "1, GPU-BBBB, NVIDIA H100, 00000000:02:00.0, [N/A]\n"),
      fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(dcgm.find("REASONS"), std::string::npos) << dcgm;
}

TEST(MetricsOperator, DcgmHasTheBitmaskUnderBothNames) {
  const auto out = render_dcgm_metrics(snapshot_of(reason_fields, reason_rows),
                                       fixed_settings(metrics_profile::dcgm));
  for (const char* name :
       {"DCGM_FI_DEV_CLOCKS_EVENT_REASONS{", "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{"}) {
    const auto lines = lines_starting(out, name);
    ASSERT_EQ(lines.size(), 1u) << name;
    EXPECT_TRUE(lines.front().starts_with(std::string(name) + "gpu=\"0\"")) << lines.front();
    EXPECT_TRUE(lines.front().ends_with("} 65")) << lines.front();
  }
}

TEST(MetricsOperator, RecoveryActionAndFabricStateMapAsNvidiaGpuExporter) {
  const auto out = render_nvidia_smi_metrics(
      snapshot_of({"index", "uuid", "gpu_recovery_action", "fabric.state"},
                  "0, GPU-A, None, Completed\n"
                  "1, GPU-B, Node Reboot, In Progress\n"
                  "2, GPU-C, Drain and Reset, Not Supported\n"
                  "3, GPU-D, GPU Reset, Not Started\n"
                  "4, GPU-E, Drain P2P, Something New\n"
                  "5, GPU-F, Something New, N/A\n"
                  "6, GPU-G, [N/A], [Not Supported]\n"));
  EXPECT_EQ(lines_starting(out, "nvidia_smi_gpu_recovery_action{"),
            (std::vector<std::string>{"nvidia_smi_gpu_recovery_action{uuid=\"a\"} 0",
                                      "nvidia_smi_gpu_recovery_action{uuid=\"b\"} 2",
                                      "nvidia_smi_gpu_recovery_action{uuid=\"c\"} 4",
                                      "nvidia_smi_gpu_recovery_action{uuid=\"d\"} 1",
                                      "nvidia_smi_gpu_recovery_action{uuid=\"e\"} 3"}));
  EXPECT_EQ(lines_starting(out, "nvidia_smi_fabric_state{"),
            (std::vector<std::string>{
                "nvidia_smi_fabric_state{uuid=\"a\"} 3", "nvidia_smi_fabric_state{uuid=\"b\"} 2",
                "nvidia_smi_fabric_state{uuid=\"c\"} 0", "nvidia_smi_fabric_state{uuid=\"d\"} 1"}));
  EXPECT_EQ(gpu_recovery_action_number("  reboot "), 2.0);
  EXPECT_EQ(fabric_state_number("COMPLETED"), 3.0);
}

TEST(MetricsOperator, EccLocationsInBothProfiles) {
  const auto s =
      snapshot_of({"index", "uuid", "name", "pci.bus_id", "ecc.errors.uncorrected.volatile.dram",
                   "ecc.errors.corrected.aggregate.l2_cache",
                   "ecc.errors.uncorrected.aggregate.sram.thresholdExceeded",
                   "ecc.errors.corrected.volatile.device_memory"},
                  "0, GPU-A, NVIDIA H100, 00000000:01:00.0, 3, 7, No, 5\n"
                  "1, GPU-B, NVIDIA H100, 00000000:02:00.0, [N/A], [Not Supported], "
                  "[N/A], [N/A]\n");
  const auto smi = render_nvidia_smi_metrics(s);
  EXPECT_EQ(
      lines_starting(smi, "nvidia_smi_ecc_errors_uncorrected_volatile_dram{"),
      std::vector<std::string>{"nvidia_smi_ecc_errors_uncorrected_volatile_dram{uuid=\"a\"} 3"});
  EXPECT_EQ(
      lines_starting(smi, "nvidia_smi_ecc_errors_corrected_aggregate_l2_cache{"),
      std::vector<std::string>{"nvidia_smi_ecc_errors_corrected_aggregate_l2_cache{uuid=\"a\"} 7"});
  EXPECT_EQ(
      lines_starting(smi, "nvidia_smi_ecc_errors_uncorrected_aggregate_sram_threshold_exceeded{"),
      std::vector<std::string>{
          "nvidia_smi_ecc_errors_uncorrected_aggregate_sram_threshold_exceeded{uuid=\"a\"} 0"});
  EXPECT_EQ(lines_starting(smi, "# TYPE nvidia_smi_ecc_errors_uncorrected_volatile_dram").front(),
            "# TYPE nvidia_smi_ecc_errors_uncorrected_volatile_dram gauge");
  const auto ecc = lines_starting(smi, "nvidia_smi_ecc_errors_");
  EXPECT_EQ(ecc.size(), 4u) << smi;
  for (const auto& line : ecc) EXPECT_NE(line.find("uuid=\"a\""), std::string::npos) << line;

  const auto dcgm = render_dcgm_metrics(s, fixed_settings(metrics_profile::dcgm));
  const auto l2 = lines_starting(dcgm, "DCGM_FI_DEV_ECC_SBE_AGG_L2{");
  ASSERT_EQ(l2.size(), 1u) << dcgm;
  EXPECT_TRUE(l2.front().starts_with("DCGM_FI_DEV_ECC_SBE_AGG_L2{gpu=\"0\"")) << l2.front();
  EXPECT_TRUE(l2.front().ends_with("} 7")) << l2.front();
  const auto dev = lines_starting(dcgm, "DCGM_FI_DEV_ECC_SBE_VOL_DEV{");
  ASSERT_EQ(dev.size(), 1u) << dcgm;
  EXPECT_TRUE(dev.front().ends_with("} 5")) << dev.front();
  EXPECT_EQ(count_of(dcgm, "gpu=\"1\""), 1u) << "only smistat_gpu_info names GPU 1:\n" << dcgm;
}

TEST(MetricsOperator, GpusExpectedIsTheOptionElseTheMostSeen) {
  auto s = snapshot_of({"index", "uuid"}, "0, GPU-A\n1, GPU-B\n");
  s.health.most_gpus_seen = 3;
  EXPECT_EQ(lines_starting(render_self_metrics(s, {}, {}), "smistat_gpus_expected "),
            std::vector<std::string>{"smistat_gpus_expected 3"});
  EXPECT_EQ(lines_starting(render_self_metrics(s, {}, {}), "smistat_gpus "),
            std::vector<std::string>{"smistat_gpus 2"});
  EXPECT_EQ(lines_starting(render_self_metrics(s, {}, {}, 8), "smistat_gpus_expected "),
            std::vector<std::string>{"smistat_gpus_expected 8"});
  // Nothing seen and nothing configured: the expectation is unknown, so no sample.
  s.health.most_gpus_seen = 0;
  EXPECT_EQ(render_self_metrics(s, {}, {}).find("smistat_gpus_expected"), std::string::npos);
}

}  // namespace
}  // namespace smistat::render
