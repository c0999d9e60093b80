// The public dashboards smistat's profiles stand in for (pinned under anchor_dashboards/): every
// variable and panel query of each, run as Grafana runs them against a real Prometheus scraping
// the real smistat, on the 8-GPU H100 recording (passive cooling, NVLink fabric, processes), on
// a GeForce with a fan and on an H100 in MIG mode. Each dashboard lists the panels expected empty
// and why; every other panel must return data, and a listed panel that starts returning data fails
// too, so the list never hides a panel that now works.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "tests/contracts/prometheus/dashboard_session.hpp"
#include "tests/contracts/prometheus/grafana_dashboard.hpp"
#include "tests/contracts/prometheus/live_metrics.hpp"
#include "tests/contracts/prometheus/prometheus_server.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

/** When a panel stays empty. */
enum class empty_when {
  always,     ///< nvidia-smi does not report what it shows
  no_fan,     ///< on a passively cooled GPU (nvidia-smi prints the fan speed as [N/A])
  no_fabric,  ///< on a GPU outside an NVLink fabric (fabric.state is [N/A])
  mig,        ///< in MIG mode, where nvidia-smi prints whole-GPU utilisation as [N/A]
};

struct empty_panel {
  std::string title;
  std::set<std::string> ref_ids;  ///< the targets that stay empty; none listed: all of them
  empty_when when;
};

struct anchor_dashboard {
  std::string file;     ///< under anchor_dashboards/
  std::string profile;  ///< --metrics.profile
  std::vector<empty_panel> expected_empty;
};

struct recorded_machine {
  std::string name;
  bool has_fan;
  bool has_fabric;
  bool mig;
};

const recorded_machine eight_h100{eight_gpus, false, true, false};
const recorded_machine geforce{"geforce-rtx-4080-super__595.71.05", true, false, false};
const recorded_machine h100_mig{"h100-80gb-hbm3-mig__590.48.01", false, true, true};

// dcgm-exporter's dashboard: all of it but tensor-core activity, which DCGM reads from the
// profiling counters (DCGM_FI_PROF_PIPE_TENSOR_ACTIVE); no nvidia-smi query field reports
// tensor-pipe activity, and smistat publishes no stand-in for it. In MIG mode the utilisation
// graph stays empty too.
const anchor_dashboard dcgm_12239{"dcgm-exporter-12239.json",
                                  "dcgm",
                                  {{"Tensor Core Utilization", {}, empty_when::always},
                                   {"GPU Utilization", {}, empty_when::mig}}};

// nvidia_gpu_exporter's dashboard as imported until its v1.9: the exporter fills every panel
// from nvidia-smi, except the two fan panels on a passively cooled GPU and, in MIG mode, the
// four utilisation panels (a gauge and a graph each for the GPU and its memory).
const anchor_dashboard exporter_14574_v1_9{"nvidia_gpu_exporter-14574-v1.9.json",
                                           "nvidia_smi",
                                           {{"Fan Speed %", {}, empty_when::no_fan},
                                            {"GPU Utilization %", {}, empty_when::mig},
                                            {"Memory Utilization %", {}, empty_when::mig}}};

// The rewrite of v1.14. Its last row is marked "NVML mode only": the exporter's exec backend,
// which reads nvidia-smi as smistat does, leaves those families out, and so does smistat:
// the energy counter (no nvidia-smi query field has it), PCIe throughput (only nvidia-smi -q
// shows it; smistat does not publish it under this profile), XID counts by code (the exporter's
// NVML event watcher; smistat's kernel-log XIDs are smistat_xid_*), and the MIG families
// (nvidia-smi gives no per-instance activity; smistat's MIG memory is smistat_mig_*). The XID
// stat panels of that row fill anyway: their queries fall back to nvidia_smi_gpu_info.
const anchor_dashboard exporter_14574_v1_14{
    "nvidia_gpu_exporter-14574-v1.14.json",
    "nvidia_smi",
    {
        // The "Fan", "GPU Util" and "Memory Util" gauges fill on every GPU: their queries fall
        // back to -1, shown as N/A; the graphs have no such fallback.
        {"Fan Speed %", {}, empty_when::no_fan},
        {"GPU Utilization %", {}, empty_when::mig},
        {"Memory Utilization %", {}, empty_when::mig},
        {"Fabric State", {}, empty_when::no_fabric},
        {"XID Errors by Code", {}, empty_when::always},
        {"PCIe Throughput", {}, empty_when::always},
        // Target B, the sampled power draw, fills.
        {"Power (energy counter vs sampled)", {"A"}, empty_when::always},
        {"Energy (trailing 24h)", {}, empty_when::always},
        {"MIG Memory Used", {}, empty_when::always},
        {"MIG SM Activity", {}, empty_when::always},
        {"MIG Tensor Activity", {}, empty_when::always},
    }};

// The multi-GPU overview of v1.14, with the same "NVML mode only" row as above.
const anchor_dashboard exporter_25547{"nvidia_gpu_exporter-25547-v1.14.json",
                                      "nvidia_smi",
                                      {
                                          {"Fan Speed %", {}, empty_when::no_fan},
                                          {"GPU Utilization %", {}, empty_when::mig},
                                          {"Memory Activity %", {}, empty_when::mig},
                                          {"Power Draw (energy counter)", {}, empty_when::always},
                                          {"PCIe TX", {}, empty_when::always},
                                          {"PCIe RX", {}, empty_when::always},
                                          {"MIG Instances", {}, empty_when::always},
                                          {"MIG SM Activity", {}, empty_when::always},
                                          {"MIG Memory Used", {}, empty_when::always},
                                      }};

std::filesystem::path anchor_path(const std::string& file) {
  return std::filesystem::path(SMISTAT_FIXTURES_DIR).parent_path() /
         "tests/contracts/prometheus/anchor_dashboards" / file;
}

bool expected_empty(const anchor_dashboard& anchor, const recorded_machine& machine,
                    const std::string& title, const std::string& ref_id) {
  for (const auto& e : anchor.expected_empty) {
    if (e.title != title || (!e.ref_ids.empty() && !e.ref_ids.count(ref_id))) continue;
    if (e.when == empty_when::always) return true;
    if (e.when == empty_when::no_fan && !machine.has_fan) return true;
    if (e.when == empty_when::no_fabric && !machine.has_fabric) return true;
    if (e.when == empty_when::mig && machine.mig) return true;
  }
  return false;
}

struct pending_empty {
  const dashboard_panel* panel;
  std::string expr;
};

void expect_anchor_filled(const anchor_dashboard& anchor, const recorded_machine& machine) {
  if (!std::filesystem::exists(prometheus_binary))
    GTEST_SKIP() << "/usr/bin/prometheus not found: install the Debian package `prometheus` "
                    "(.ci/install-deps does) to run the dashboard test";
  smistat_process server({"--replay", machine_dir(machine.name).string(), "--metrics.profile",
                          anchor.profile, "--xid.source", "none"});
  ASSERT_NE(server.port(), 0);
  prometheus_server prom({server.port()});
  dashboard_session session(prom, load_grafana_dashboard(anchor_path(anchor.file)));
  const auto silent = session.choose_variables(multi_choice::all);
  ASSERT_FALSE(silent) << "variable $" << *silent << " offers nothing\nprometheus log:\n"
                       << prom.log() << "\nsmistat log:\n"
                       << server.log();

  // Panels expected to fill are waited for first, so the ones expected empty are asked once
  // every scrape the others needed has happened.
  std::set<const dashboard_panel*> with_data;
  std::vector<pending_empty> empties;
  std::set<std::string> titles;
  for (const auto& panel : session.dashboard().panels) {
    titles.insert(panel.title);
    for (const auto& target : panel.targets) {
      const auto expr = session.query_of(target);
      EXPECT_FALSE(unresolved_variable(expr)) << panel.title << ": unknown variable in " << expr;
      if (expected_empty(anchor, machine, panel.title, target.ref_id)) {
        empties.push_back({&panel, expr});
      } else if (eventually([&] { return !prom.query(expr).empty(); })) {
        with_data.insert(&panel);
      } else {
        ADD_FAILURE() << "panel \"" << panel.title << "\" (" << target.ref_id
                      << ") has no data: " << expr;
      }
    }
  }
  for (const auto& [panel, expr] : empties) {
    if (prom.query(expr).empty()) continue;
    with_data.insert(panel);
    ADD_FAILURE() << "panel \"" << panel->title << "\" now has data; take it off the list of "
                  << "panels expected empty: " << expr;
  }
  for (const auto& e : anchor.expected_empty)
    EXPECT_TRUE(titles.count(e.title)) << "no panel \"" << e.title << "\" in " << anchor.file;

  const auto total = session.dashboard().panels.size();
  std::cout << anchor.file << " on " << machine.name << ": " << with_data.size() << "/" << total
            << " panels with data\n";
  ::testing::Test::RecordProperty("panels_with_data", static_cast<int>(with_data.size()));
  ::testing::Test::RecordProperty("panels", static_cast<int>(total));
}

TEST(GrafanaDashboard, AnchorDcgm12239OnTheEightGpuRecording) {
  expect_anchor_filled(dcgm_12239, eight_h100);
}

TEST(GrafanaDashboard, AnchorDcgm12239OnAGeforce) { expect_anchor_filled(dcgm_12239, geforce); }

TEST(GrafanaDashboard, AnchorDcgm12239OnAnH100InMigMode) {
  expect_anchor_filled(dcgm_12239, h100_mig);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter14574V19OnTheEightGpuRecording) {
  expect_anchor_filled(exporter_14574_v1_9, eight_h100);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter14574V19OnAGeforce) {
  expect_anchor_filled(exporter_14574_v1_9, geforce);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter14574V19OnAnH100InMigMode) {
  expect_anchor_filled(exporter_14574_v1_9, h100_mig);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter14574V114OnTheEightGpuRecording) {
  expect_anchor_filled(exporter_14574_v1_14, eight_h100);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter14574V114OnAGeforce) {
  expect_anchor_filled(exporter_14574_v1_14, geforce);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter14574V114OnAnH100InMigMode) {
  expect_anchor_filled(exporter_14574_v1_14, h100_mig);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter25547OnTheEightGpuRecording) {
  expect_anchor_filled(exporter_25547, eight_h100);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter25547OnAGeforce) {
  expect_anchor_filled(exporter_25547, geforce);
}

TEST(GrafanaDashboard, AnchorNvidiaGpuExporter25547OnAnH100InMigMode) {
  expect_anchor_filled(exporter_25547, h100_mig);
}

}  // namespace
}  // namespace smistat::test
