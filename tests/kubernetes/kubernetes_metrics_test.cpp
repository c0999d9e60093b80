// The allocation labels on the GPU series of both profiles, the smistat_kubernetes_* families,
// /health's kubernetes block, and promtool on all of it.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <memory>
#include <regex>
#include <set>

#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"
#include "src/contracts/prometheus/metrics_kubernetes.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"
#include "tests/contracts/prometheus/command_output.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

constexpr std::string_view two_gpus =
    "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
    "1, GPU-bbbb, NVIDIA H100, 00000000:02:00.0, 590.48.01, 45, 120.5, 1000, 35\n";

std::shared_ptr<const collect::kubernetes_report> one_pod() {
  auto r = std::make_shared<collect::kubernetes_report>();
  r->enabled = true;
  r->socket = "/var/lib/kubelet/pod-resources/kubelet.sock";
  r->last_call = r->last_success = test::sample_time();
  r->calls_total = 3;
  r->devices_seen = 2;
  r->devices_matched = 1;
  r->id_form = "uuid";
  r->by_gpu_uuid["GPU-aaaa"] = {"ml", "train-0", "trainer", true};
  r->gpus_without_pod = {"1"};
  return r;
}

metrics_settings with_pods(metrics_profile profile) {
  auto settings = test::fixed_settings(profile);
  settings.pods = one_pod();
  return settings;
}

TEST(kubernetes_metrics, dcgm_series_gain_container_namespace_and_pod_empty_when_free) {
  const auto out =
      render_dcgm_metrics(test::small_snapshot(two_gpus), with_pods(metrics_profile::dcgm));
  const auto util = test::lines_starting(out, "DCGM_FI_DEV_GPU_UTIL{");
  ASSERT_EQ(util.size(), 2u);
  EXPECT_EQ(util[0],
            "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-aaaa\",pci_bus_id=\"00000000:01:00.0\","
            "device=\"nvidia0\",modelName=\"NVIDIA H100\",Hostname=\"node-1\","
            "DCGM_FI_DRIVER_VERSION=\"590.48.01\",container=\"trainer\",namespace=\"ml\","
            "pod=\"train-0\"} 35");
  EXPECT_NE(util[1].find(",container=\"\",namespace=\"\",pod=\"\"}"), std::string::npos) << util[1];
}

TEST(kubernetes_metrics, without_kubernetes_the_series_keep_their_labels) {
  const auto out = render_dcgm_metrics(test::small_snapshot(two_gpus),
                                       test::fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(out.find("pod="), std::string::npos);
  EXPECT_EQ(out.find("namespace="), std::string::npos);
}

TEST(kubernetes_metrics, no_gpu_series_carries_more_than_dcgm_exporters_labels_and_these_three) {
  // dcgm-exporter's defaults: gpu, UUID, pci_bus_id, device, modelName, Hostname,
  // DCGM_FI_DRIVER_VERSION; with Kubernetes: container, namespace, pod.
  const std::set<std::string> allowed{"gpu",
                                      "UUID",
                                      "pci_bus_id",
                                      "device",
                                      "modelName",
                                      "Hostname",
                                      "DCGM_FI_DRIVER_VERSION",
                                      "container",
                                      "namespace",
                                      "pod"};
  const auto s = test::snapshot_from_machine(test::fixtures_dir() / "synthetic-8x-h100__590.48.01");
  const auto out = render_dcgm_metrics(s, with_pods(metrics_profile::dcgm));
  const std::regex label(R"re(([A-Za-z_][A-Za-z0-9_]*)="(?:[^"\\]|\\.)*")re");
  int series = 0;
  for (const auto& line : test::lines_starting(out, "DCGM_FI_DEV_")) {
    ++series;
    int count = 0;
    for (std::sregex_iterator it(line.begin(), line.end(), label), end; it != end; ++it, ++count)
      EXPECT_TRUE(allowed.contains((*it)[1].str())) << line;
    EXPECT_EQ(count, 10) << line;
  }
  EXPECT_GT(series, 50);
}

TEST(kubernetes_metrics, nvidia_smi_info_gains_the_labels_sorted_by_name) {
  const auto out = render_nvidia_smi_metrics(test::small_snapshot(two_gpus),
                                             with_pods(metrics_profile::nvidia_smi));
  const auto info = test::lines_starting(out, "nvidia_smi_gpu_info{");
  ASSERT_EQ(info.size(), 2u);
  EXPECT_EQ(info[0],
            "nvidia_smi_gpu_info{compute_cap=\"\",container=\"trainer\",cuda_version=\"13.1\","
            "driver_version=\"590.48.01\",index=\"0\",name=\"NVIDIA H100\",namespace=\"ml\","
            "pci_bus_id=\"00000000:01:00.0\",pod=\"train-0\",serial=\"\",uuid=\"aaaa\","
            "vbios_version=\"\"} 1");
}

TEST(kubernetes_metrics, families_say_how_many_devices_matched_and_the_last_error) {
  auto r = *one_pod();
  EXPECT_EQ(render_kubernetes_metrics(r),
            "# HELP smistat_kubernetes_devices nvidia.com/* device IDs in the kubelet's last "
            "answer, by whether they name a GPU of this machine.\n"
            "# TYPE smistat_kubernetes_devices gauge\n"
            "smistat_kubernetes_devices{state=\"matched\"} 1\n"
            "smistat_kubernetes_devices{state=\"unmatched\"} 1\n"
            "# HELP smistat_kubernetes_calls_total Calls to the kubelet's PodResources List.\n"
            "# TYPE smistat_kubernetes_calls_total counter\n"
            "smistat_kubernetes_calls_total 3\n"
            "# HELP smistat_kubernetes_errors_total Calls to the kubelet's PodResources List "
            "that failed.\n"
            "# TYPE smistat_kubernetes_errors_total counter\n"
            "smistat_kubernetes_errors_total 0\n"
            "# HELP smistat_kubernetes_last_call_success Whether the last call to the kubelet "
            "answered (1) or failed (0).\n"
            "# TYPE smistat_kubernetes_last_call_success gauge\n"
            "smistat_kubernetes_last_call_success 1\n");
  r.error = "socket missing: /run/k.sock";
  r.errors_total = 1;
  const auto failed = render_kubernetes_metrics(r);
  EXPECT_NE(failed.find("smistat_kubernetes_last_call_success 0\n"), std::string::npos);
  EXPECT_NE(failed.find("smistat_kubernetes_last_error_info{error=\"socket missing: "
                        "/run/k.sock\"} 1\n"),
            std::string::npos);
}

TEST(kubernetes_metrics, counts_are_left_out_until_the_kubelet_answers) {
  collect::kubernetes_report r;
  r.enabled = true;
  const auto out = render_kubernetes_metrics(r);
  EXPECT_EQ(out.find("smistat_kubernetes_devices"), std::string::npos);
  EXPECT_EQ(out.find("last_call_success"), std::string::npos);
  EXPECT_NE(out.find("smistat_kubernetes_calls_total 0\n"), std::string::npos);
}

TEST(kubernetes_metrics, promtool_accepts_the_new_families) {
  if (!test::on_path("promtool")) GTEST_SKIP() << "promtool not found (Debian package prometheus)";
  auto r = *one_pod();
  r.error = "List failed: 4 Deadline Exceeded";
  const auto s = test::small_snapshot(two_gpus);
  const auto text = render_kubernetes_metrics(r) +
                    render_nvidia_smi_metrics(s, with_pods(metrics_profile::nvidia_smi));
  const auto file = test::write_temp_file("smistat-kubernetes-promtool", text);
  const auto result = test::run_command("promtool check metrics < '" + file.string() + "'");
  std::filesystem::remove(file);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");
}

TEST(kubernetes_health, the_block_lists_the_mapping_and_leaves_unknowns_null) {
  const auto s = test::small_snapshot(two_gpus);
  const auto answered = boost::json::parse(
      render_health(s, {}, test::sample_time(), std::nullopt, nullptr, one_pod().get()));
  const auto& k = answered.at("kubernetes");
  EXPECT_EQ(k.at("socket"), "/var/lib/kubelet/pod-resources/kubelet.sock");
  EXPECT_TRUE(k.at("error").is_null());
  EXPECT_EQ(k.at("devices_seen"), 2);
  EXPECT_EQ(k.at("devices_matched"), 1);
  EXPECT_EQ(k.at("id_form"), "uuid");
  EXPECT_EQ(k.at("gpus").at(0).at("pod"), "train-0");
  EXPECT_EQ(k.at("gpus").at(0).at("shared"), true);
  EXPECT_EQ(k.at("gpus_without_pod"), boost::json::parse(R"(["1"])"));

  collect::kubernetes_report never;
  never.enabled = true;
  never.error = "socket missing: /x";
  const auto unknown =
      boost::json::parse(render_health(s, {}, test::sample_time(), std::nullopt, nullptr, &never));
  const auto& u = unknown.at("kubernetes");
  EXPECT_EQ(u.at("error"), "socket missing: /x");
  for (const char* key :
       {"devices_seen", "devices_matched", "id_form", "gpus", "gpus_without_pod", "last_success"})
    EXPECT_TRUE(u.at(key).is_null()) << key;
}

TEST(kubernetes_health, absent_without_kubernetes) {
  const auto body =
      boost::json::parse(render_health(test::small_snapshot(two_gpus), {}, test::sample_time()));
  EXPECT_FALSE(body.as_object().contains("kubernetes"));
}

}  // namespace
}  // namespace smistat::render
