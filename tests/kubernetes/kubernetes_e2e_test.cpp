// Kubernetes allocation labels end to end: the real binary serving a recorded machine, asking a
// fake kubelet (tests/kubernetes/fake_kubelet.py) that answers each case, hangs, sends garbage or
// is not there at all.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/value.hpp>
#include <csignal>
#include <string>
#include <vector>

#include "tests/config/temp_dir.hpp"
#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/kubernetes/fake_kubelet.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";
const std::string mig_machine = "h100-80gb-hbm3-mig__590.48.01";

std::string uuid(int n) { return "GPU-00000000-0000-0000-0000-00000000000" + std::to_string(n); }

/** The smistat_gpu_info series of GPU `index` (dcgm profile, always present), or "". */
std::string info_line(const std::string& metrics, int index) {
  const std::string start = "smistat_gpu_info{gpu=\"" + std::to_string(index) + "\"";
  const auto at = metrics.find("\n" + start);
  if (at == std::string::npos) return {};
  return metrics.substr(at + 1, metrics.find('\n', at + 1) - at - 1);
}

std::string pod_labels(const std::string& ns, const std::string& pod, const std::string& c) {
  return "container=\"" + c + "\",namespace=\"" + ns + "\",pod=\"" + pod + "\"}";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class kubernetes_e2e : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fake_kubelet_can_run())
      GTEST_SKIP() << "/usr/bin/python3 cannot import grpc: install python3-grpcio "
                      "(.ci/install-deps does)";
  }

  std::filesystem::path socket() const { return dir_.path() / "kubelet.sock"; }

  /** smistat serving `machine`, asking the socket every second with a `timeout` s deadline. */
  smistat_process start(const std::string& machine, std::vector<std::string> extra = {},
                        const std::string& timeout = "1") {
    std::vector<std::string> args{"--replay",
                                  machine_dir(machine).string(),
                                  "--kubernetes",
                                  "--kubernetes.pod-resources-socket",
                                  socket().string(),
                                  "--kubernetes.interval",
                                  "1",
                                  "--kubernetes.timeout",
                                  timeout};
    args.insert(args.end(), extra.begin(), extra.end());
    return smistat_process(args);
  }

  /** /health once the kubelet has been asked and a sample matched (or the call failed). */
  json::value settled_health(unsigned short port) {
    return poll_json(port, "/health", [](const json::value& h) {
      const auto* k = h.as_object().if_contains("kubernetes");
      if (!k || k->at("last_call").is_null()) return false;
      if (!h.at("collection").at("last_success").is_string()) return false;
      if (!k->at("error").is_null()) return true;
      const auto& held = k->at("gpus");
      const auto& free = k->at("gpus_without_pod");
      return held.is_array() && free.is_array() &&
             held.as_array().size() + free.as_array().size() > 0;
    });
  }

  temp_dir dir_;
};

TEST_F(kubernetes_e2e, gpu_uuids_label_the_dcgm_series_and_health_shows_the_mapping) {
  fake_kubelet kubelet(socket(), "uuid");
  ASSERT_TRUE(kubelet.ready());
  auto server = start(eight_gpus);
  const auto health = settled_health(server.port());
  const auto& k = health.at("kubernetes");
  EXPECT_TRUE(k.at("error").is_null()) << k;
  EXPECT_EQ(k.at("devices_seen"), 3) << k;
  EXPECT_EQ(k.at("devices_matched"), 3) << k;
  EXPECT_EQ(k.at("id_form"), "uuid");
  EXPECT_EQ(k.at("gpus_without_pod"), json::array({"2", "4", "5", "6", "7"}));
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(info_line(metrics, 0).ends_with(pod_labels("ml", "train-0", "trainer") + " 1"))
      << info_line(metrics, 0);
  EXPECT_TRUE(contains(info_line(metrics, 1), pod_labels("ml", "train-0", "trainer")));
  EXPECT_TRUE(contains(info_line(metrics, 2), pod_labels("", "", "")));
  EXPECT_TRUE(contains(info_line(metrics, 3), pod_labels("ml", "infer-0", "server")));
  EXPECT_TRUE(contains(metrics, "\nsmistat_kubernetes_devices{state=\"matched\"} 3\n"));
  EXPECT_TRUE(contains(metrics, "\nsmistat_kubernetes_devices{state=\"unmatched\"} 0\n"));
  EXPECT_TRUE(contains(server.log(), "kubernetes: 3 of 3 devices matched to GPUs (IDs: uuid)"))
      << server.log();
}

TEST_F(kubernetes_e2e, device_names_label_the_gpu_of_that_minor_number) {
  fake_kubelet kubelet(socket(), "minor");
  ASSERT_TRUE(kubelet.ready());
  auto server = start(eight_gpus);
  const auto k = settled_health(server.port()).at("kubernetes");
  EXPECT_EQ(k.at("id_form"), "minor") << k;
  EXPECT_EQ(k.at("devices_matched"), 2) << k;
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(contains(info_line(metrics, 0), pod_labels("ml", "train-0", "trainer")));
  EXPECT_TRUE(contains(info_line(metrics, 1), pod_labels("", "", "")));
  EXPECT_TRUE(contains(info_line(metrics, 2), pod_labels("ml", "train-0", "trainer")));
}

TEST_F(kubernetes_e2e, mig_devices_label_their_parent_gpu_shared_by_two_pods) {
  fake_kubelet kubelet(socket(), "mig");
  ASSERT_TRUE(kubelet.ready());
  auto server = start(mig_machine);
  const auto k = settled_health(server.port()).at("kubernetes");
  EXPECT_EQ(k.at("id_form"), "mig") << k;
  EXPECT_EQ(k.at("devices_matched"), 2) << k;
  const auto& gpu = k.at("gpus").at(0);
  EXPECT_EQ(gpu.at("uuid"), json::value(uuid(0)));
  // Two pods hold MIG devices of GPU 0; the first by namespace wins, and /health says shared.
  EXPECT_EQ(gpu.at("namespace"), "ai");
  EXPECT_EQ(gpu.at("pod"), "big-0");
  EXPECT_EQ(gpu.at("shared"), true);
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(contains(info_line(metrics, 0), pod_labels("ai", "big-0", "worker")))
      << info_line(metrics, 0);
}

TEST_F(kubernetes_e2e, time_sliced_replicas_go_to_the_first_pod_by_name) {
  fake_kubelet kubelet(socket(), "replicas");
  ASSERT_TRUE(kubelet.ready());
  auto server = start(eight_gpus, {"--metrics.profile", "nvidia_smi"});
  const auto k = settled_health(server.port()).at("kubernetes");
  EXPECT_EQ(k.at("id_form"), "replica") << k;
  EXPECT_EQ(k.at("gpus").at(0).at("namespace"), "team-a");
  EXPECT_EQ(k.at("gpus").at(0).at("shared"), true);
  // The nvidia_smi profile carries the labels on its info series, sorted by name.
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(
      contains(metrics, ",container=\"main\",cuda_version=") &&
      contains(metrics, ",index=\"1\",name=\"NVIDIA H100 80GB HBM3\",namespace=\"team-a\","))
      << metrics.substr(0, 2000);
}

TEST_F(kubernetes_e2e, no_gpu_pods_or_an_empty_list_leave_the_labels_empty_and_say_why) {
  for (const std::string scenario : {"no_gpu", "empty"}) {
    temp_dir dir;
    const auto sock = dir.path() / "kubelet.sock";
    fake_kubelet kubelet(sock, scenario);
    ASSERT_TRUE(kubelet.ready());
    smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--kubernetes",
                            "--kubernetes.pod-resources-socket", sock.string()});
    const auto k = settled_health(server.port()).at("kubernetes");
    EXPECT_TRUE(k.at("error").is_null()) << scenario << k;
    EXPECT_EQ(k.at("devices_seen"), 0) << scenario;
    EXPECT_EQ(k.at("gpus_without_pod").as_array().size(), 8u) << scenario;
    const auto metrics = http_get(server.port(), "/metrics").body;
    EXPECT_TRUE(contains(info_line(metrics, 0), pod_labels("", "", ""))) << scenario;
    EXPECT_TRUE(contains(server.log(), "no container on this node holds an nvidia.com/* resource"))
        << scenario << server.log();
  }
}

TEST_F(kubernetes_e2e, ids_of_an_unknown_form_are_named_in_the_log) {
  fake_kubelet kubelet(socket(), "unknown_ids");
  ASSERT_TRUE(kubelet.ready());
  auto server = start(eight_gpus);
  const auto k = settled_health(server.port()).at("kubernetes");
  EXPECT_EQ(k.at("id_form"), "unknown") << k;
  EXPECT_EQ(k.at("devices_matched"), 0);
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(contains(metrics, "\nsmistat_kubernetes_devices{state=\"unmatched\"} 1\n"));
  EXPECT_TRUE(contains(server.log(), "device IDs have an unknown form (e.g. gpu-slot-7)"))
      << server.log();
}

TEST_F(kubernetes_e2e, a_hanging_kubelet_is_cut_off_by_the_deadline_and_metrics_still_answer) {
  fake_kubelet kubelet(socket(), "hang");
  ASSERT_TRUE(kubelet.ready());
  auto server = start(eight_gpus, {}, "5");
  // The first call starts at once and hangs until its deadline; the GPU series are served
  // meanwhile, and /health, asked after them, shows the call still unanswered.
  poll_json(server.port(), "/health",
            [](const json::value& h) { return h.at("collection").at("last_success").is_string(); });
  const auto during = http_get(server.port(), "/metrics");
  EXPECT_EQ(during.status, 200u);
  EXPECT_TRUE(contains(info_line(during.body, 0), pod_labels("", "", "")));
  const auto still = get_json(server.port(), "/health").at("kubernetes");
  EXPECT_TRUE(still.at("last_call").is_null()) << still;
  EXPECT_EQ(still.at("calls_total"), 0) << still;
  // Then the deadline ends the call.
  const auto k = settled_health(server.port()).at("kubernetes");
  ASSERT_TRUE(k.at("error").is_string()) << k;
  EXPECT_TRUE(contains(std::string(k.at("error").as_string()), "Deadline Exceeded")) << k;
  EXPECT_TRUE(k.at("devices_seen").is_null());
  EXPECT_EQ(http_get(server.port(), "/metrics").status, 200u);
}

TEST_F(kubernetes_e2e, shutdown_cancels_a_call_that_hangs) {
  fake_kubelet kubelet(socket(), "hang");
  ASSERT_TRUE(kubelet.ready());
  // A deadline far beyond the harness's wait for the exit: only a cancelled call lets the
  // server exit by itself.
  auto server = start(eight_gpus, {}, "600");
  poll_json(server.port(), "/health",
            [](const json::value& h) { return h.at("collection").at("last_success").is_string(); });
  EXPECT_TRUE(get_json(server.port(), "/health").at("kubernetes").at("last_call").is_null());
  const int status = server.stop(SIGTERM);
  ASSERT_NE(status, -1) << "still running: the hanging call held the exit up\n" << server.log();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << server.log();
}

TEST_F(kubernetes_e2e, a_missing_socket_is_named_in_health_metrics_and_the_log) {
  auto server = start(eight_gpus);
  const auto k = settled_health(server.port()).at("kubernetes");
  EXPECT_EQ(k.at("error"), json::value("socket missing: " + socket().string())) << k;
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(contains(metrics, "\nsmistat_kubernetes_last_call_success 0\n"));
  EXPECT_TRUE(contains(metrics, "\nsmistat_kubernetes_last_error_info{error=\"socket missing: "));
  EXPECT_FALSE(contains(metrics, "smistat_kubernetes_devices{"));
  EXPECT_TRUE(contains(info_line(metrics, 0), pod_labels("", "", "")));
  EXPECT_TRUE(contains(server.log(),
                       "kubernetes: cannot list the kubelet's allocations: socket "
                       "missing"))
      << server.log();
}

TEST_F(kubernetes_e2e, a_socket_without_permission_is_named) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "root opens any socket; kubernetes_socket.a_socket_without_permission_is_"
                    "not_readable checks the case as nobody";
  fake_kubelet kubelet(socket(), "uuid");
  ASSERT_TRUE(kubelet.ready());
  ASSERT_EQ(::chmod(socket().c_str(), 0), 0);
  auto server = start(eight_gpus);
  const auto k = settled_health(server.port()).at("kubernetes");
  EXPECT_TRUE(contains(std::string(k.at("error").as_string()), "socket not readable: ")) << k;
}

TEST_F(kubernetes_e2e, garbage_bytes_fail_the_call_and_nothing_else) {
  fake_kubelet kubelet(socket(), "garbage");
  ASSERT_TRUE(kubelet.ready());
  auto server = start(eight_gpus);
  const auto k = settled_health(server.port()).at("kubernetes");
  ASSERT_TRUE(k.at("error").is_string()) << k;
  EXPECT_TRUE(contains(std::string(k.at("error").as_string()), "List failed")) << k;
  const auto metrics = http_get(server.port(), "/metrics");
  EXPECT_EQ(metrics.status, 200u);
  EXPECT_TRUE(contains(info_line(metrics.body, 0), pod_labels("", "", "")));
}

}  // namespace
}  // namespace smistat::test
