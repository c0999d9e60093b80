#include "src/contracts/prometheus/metrics_gpu.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "parsers/field_catalogue.hpp"
#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"
#include "src/contracts/prometheus/metrics_self.hpp"
#include "src/contracts/prometheus/settings.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"

namespace smistat::render {
namespace {

using test::fixed_settings;
using test::lines_starting;
using test::small_snapshot;

constexpr std::string_view two_gpus =
    "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
    "1, GPU-bbbb, NVIDIA H100, 00000000:02:00.0, 590.48.01, [N/A], [Not Supported], 2000, 0\n";

TEST(MetricsGpu, ReadsCellsAsSampleValues) {
  const std::pair<std::string, std::optional<double>> cases[] = {
      {"35 %", 35},
      {"81559 MiB", 81559},
      {"688.41", 688.41},
      {"0x000000000000001F", 31},
      {"P8", 8},
      {"Enabled", 1},
      {"No", 0},
      {"Not Active", 0},
      {"[N/A]", {}},
      {"N/A", {}},
      {"[Not Supported]", {}},
      {"[Unknown Error]", {}},
      {"", {}},
      {"NVIDIA H100", {}},
  };
  for (const auto& [raw, want] : cases)
    EXPECT_EQ(metric_value(parsers::make_cell(raw)), want) << raw;
}

TEST(MetricsGpu, DcgmLabelsFollowDcgmExporter) {
  const auto out =
      render_dcgm_metrics(small_snapshot(two_gpus), fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(lines_starting(out, "DCGM_FI_DEV_GPU_UTIL{").front(),
            "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-aaaa\",pci_bus_id=\"00000000:01:00.0\","
            "device=\"nvidia0\",modelName=\"NVIDIA H100\",Hostname=\"node-1\","
            "DCGM_FI_DRIVER_VERSION=\"590.48.01\"} 35");
  EXPECT_EQ(lines_starting(out, "# HELP DCGM_FI_DEV_FB_USED").front(),
            "# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).");
  EXPECT_EQ(lines_starting(out, "# TYPE DCGM_FI_DEV_FB_USED").front(),
            "# TYPE DCGM_FI_DEV_FB_USED gauge");
}

TEST(MetricsGpu, PlaceholderPowerAndTemperatureOmitTheSeries) {
  const auto s = small_snapshot(two_gpus);
  const auto dcgm = render_dcgm_metrics(s, fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(lines_starting(dcgm, "DCGM_FI_DEV_GPU_TEMP{").size(), 1u);
  EXPECT_EQ(lines_starting(dcgm, "DCGM_FI_DEV_GPU_TEMP{gpu=\"0\"").size(), 1u);
  EXPECT_EQ(lines_starting(dcgm, "DCGM_FI_DEV_POWER_USAGE{").size(), 1u);
  EXPECT_EQ(lines_starting(dcgm, "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\"").size(), 1u);
  EXPECT_EQ(lines_starting(dcgm, "DCGM_FI_DEV_FB_USED{").size(), 2u);
  const auto smi = render_nvidia_smi_metrics(s);
  EXPECT_EQ(lines_starting(smi, "nvidia_smi_temperature_gpu{").size(), 1u);
  EXPECT_EQ(lines_starting(smi, "nvidia_smi_power_draw_watts{").size(), 1u);
  for (const auto& out : {dcgm, smi}) {
    EXPECT_EQ(out.find("NaN"), std::string::npos);
    EXPECT_EQ(out.find("N/A"), std::string::npos);
    EXPECT_EQ(out.find("-1\n"), std::string::npos);
  }
}

TEST(MetricsGpu, FamilyWithOnlyPlaceholdersDisappears) {
  const auto s = small_snapshot(
      "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, [N/A], [N/A], 1000, 35\n");
  const auto out = render_dcgm_metrics(s, fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(out.find("DCGM_FI_DEV_GPU_TEMP"), std::string::npos);
  EXPECT_EQ(out.find("DCGM_FI_DEV_POWER_USAGE"), std::string::npos);
  EXPECT_NE(out.find("DCGM_FI_DEV_FB_USED{"), std::string::npos);
}

TEST(MetricsGpu, LostGpuHasNoSeries) {
  auto s = small_snapshot(
      "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
      "Unable to determine the device handle for GPU 0000:03:00.0: GPU is lost.  Reboot the "
      "system to recover this GPU\n");
  ASSERT_EQ(s.gpus.lost.size(), 1u);
  s.health.last_error = collect::collection_error{collect::collection_failure::gpu_lost, 15,
                                                  s.gpus.lost.front().line};
  for (const auto profile : {metrics_profile::dcgm, metrics_profile::nvidia_smi}) {
    const auto out = render_gpu_metrics(s, fixed_settings(profile));
    EXPECT_EQ(out.find("03:00.0"), std::string::npos);
    EXPECT_EQ(lines_starting(out, "smistat_gpu_info{").size() +
                  lines_starting(out, "nvidia_smi_gpu_info{").size(),
              1u);
  }
  const auto self = render_self_metrics(s, {}, {});
  EXPECT_NE(self.find("smistat_gpus 1\n"), std::string::npos);
  EXPECT_NE(self.find("smistat_gpus_lost 1\n"), std::string::npos);
  EXPECT_NE(self.find("smistat_up 0\n"), std::string::npos);
}

TEST(MetricsGpu, FailedCollectionRemovesGpuSeries) {
  auto s = small_snapshot(two_gpus);
  s.health.consecutive_failures = 1;
  s.health.last_error =
      collect::collection_error{collect::collection_failure::timed_out, 0, "too slow"};
  EXPECT_EQ(render_gpu_metrics(s, fixed_settings(metrics_profile::dcgm)), "");
  const auto smi = render_gpu_metrics(s, fixed_settings(metrics_profile::nvidia_smi));
  EXPECT_TRUE(lines_starting(smi, "nvidia_smi_temperature_gpu").empty());
  EXPECT_NE(smi.find("nvidia_smi_last_collect_success 0\n"), std::string::npos);
}

TEST(MetricsGpu, NoSampleYetRendersNoGpuSeries) {
  EXPECT_EQ(render_dcgm_metrics(test::small_snapshot(""), fixed_settings(metrics_profile::dcgm)),
            "");
  collect::snapshot empty;
  EXPECT_EQ(render_dcgm_metrics(empty, fixed_settings(metrics_profile::dcgm)), "");
}

TEST(MetricsGpu, RowWithoutIndexIsNotPublished) {
  const auto s = small_snapshot(
      "[N/A], GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n");
  EXPECT_EQ(render_dcgm_metrics(s, fixed_settings(metrics_profile::dcgm)), "");
}

TEST(MetricsGpu, ModelNameIsEscaped) {
  const auto s = small_snapshot(
      "0, GPU-aaaa, Odd \"GPU\" \\ name, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n");
  const auto out = render_dcgm_metrics(s, fixed_settings(metrics_profile::dcgm));
  EXPECT_NE(out.find(R"(modelName="Odd \"GPU\" \\ name")"), std::string::npos) << out;
}

TEST(MetricsGpu, HostnameLabelIsConfigurable) {
  const auto s = small_snapshot(two_gpus);
  const std::pair<std::string, std::string> cases[] = {
      {"Hostname", "Hostname=\"node-1\""}, {"hostname", "hostname=\"node-1\""}, {"off", ""}};
  for (const auto& [setting, label] : cases) {
    config cfg;
    cfg.hostname_label = setting;
    const auto out = render_gpu_metrics(s, contracts::metrics_settings_from(cfg, "node-1"));
    if (label.empty()) {
      EXPECT_EQ(out.find("ostname="), std::string::npos) << setting;
    } else {
      EXPECT_NE(out.find(label), std::string::npos) << setting;
    }
  }
}

TEST(MetricsGpu, SettingsRejectUnknownValues) {
  config cfg;
  cfg.metrics_profile = "nvidia_smi";
  EXPECT_EQ(contracts::metrics_settings_from(cfg, "h").profile, metrics_profile::nvidia_smi);
  cfg.metrics_profile = "dcgm-exporter";
  EXPECT_THROW(contracts::metrics_settings_from(cfg, "h"), std::invalid_argument);
  cfg.metrics_profile = "dcgm";
  cfg.hostname_label = "HOSTNAME";
  EXPECT_THROW(contracts::metrics_settings_from(cfg, "h"), std::invalid_argument);
}

TEST(MetricsGpu, NvidiaSmiNamesFollowTheExportersRule) {
  const std::tuple<std::string, std::string, std::string, double> cases[] = {
      {"power.draw", "W", "nvidia_smi_power_draw_watts", 1},
      {"clocks.current.sm", "MHz", "nvidia_smi_clocks_current_sm_clock_hz", 1e6},
      {"memory.used", "MiB", "nvidia_smi_memory_used_bytes", 1048576},
      {"utilization.gpu", "%", "nvidia_smi_utilization_gpu_ratio", 0.01},
      {"clocks_event_reasons_counters.sw_power_cap", "us",
       "nvidia_smi_clocks_event_reasons_counters_sw_power_cap_seconds", 1e-6},
      {"encoder.stats.sessionCount", "", "nvidia_smi_encoder_stats_session_count", 1},
      {"pci.baseClass", "", "nvidia_smi_pci_base_class", 1},
      {"ecc.errors.uncorrected.aggregate.sram.thresholdExceeded", "",
       "nvidia_smi_ecc_errors_uncorrected_aggregate_sram_threshold_exceeded", 1},
      {"temperature.gpu", "", "nvidia_smi_temperature_gpu", 1},
  };
  for (const auto& [field, unit, name, factor] : cases) {
    EXPECT_EQ(nvidia_smi_metric_name(field, unit), name);
    EXPECT_EQ(nvidia_smi_unit_factor(unit), factor) << unit;
  }
}

// The catalogue writes each nvidia_smi name out, so that it can be found by grep; it must be the
// name the exporter's rule gives the field and its unit, or dashboards would miss it.
TEST(MetricsGpu, CatalogueNvidiaSmiNamesAreTheExportersRule) {
  int named = 0;
  for (const auto& row : parsers::field_catalogue()) {
    if (row.nvidia_smi_metric.empty()) continue;
    ++named;
    EXPECT_EQ(row.nvidia_smi_metric, nvidia_smi_metric_name(row.name(), row.unit)) << row.name();
  }
  EXPECT_GT(named, 0);
}

TEST(MetricsGpu, NvidiaSmiProfileUsesTheExportersUuidAndUnits) {
  const auto out = render_nvidia_smi_metrics(small_snapshot(two_gpus));
  EXPECT_NE(out.find("nvidia_smi_memory_used_bytes{uuid=\"aaaa\"} 1.048576e+09\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("nvidia_smi_utilization_gpu_ratio{uuid=\"aaaa\"} 0.35000000000000003\n"),
            std::string::npos);
  EXPECT_NE(out.find("# HELP nvidia_smi_power_draw_watts power.draw [W]\n"), std::string::npos);
}

}  // namespace
}  // namespace smistat::render
