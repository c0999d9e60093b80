// Each nvidia-smi failure the service must survive, provoked for real through the replayer's
// faults (or a missing binary), observed over HTTP.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/fault_switch.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/quiescence.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

TEST(failure_modes, nvidia_smi_missing_serves_the_contract_error_bodies) {
  smistat_process server({"--nvidia-smi", "/nonexistent/nvidia-smi", "--refresh-interval", "0.2"});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", failed);
  EXPECT_EQ(health.at("nvidia_smi_available"), json::value(false));
  EXPECT_EQ(error_kind(health), "nvidia_smi_missing");
  EXPECT_EQ(http_get(server.port(), "/gpu/stats").body,
            R"({"error":"nvidia-smi not available","gpu_count":0,"gpus":[]})");
  EXPECT_EQ(http_get(server.port(), "/gpu/summary").body,
            R"({"error":"nvidia-smi not available","gpu_count":0,"gpus":[]})");
  EXPECT_EQ(http_get(server.port(), "/gpu/count").body, R"({"gpu_count":0,"timestamp":null})");
  EXPECT_EQ(http_get(server.port(), "/api/v1/gpu/devices").body, R"({"devices":[],"count":0})");
  const auto driver = http_get(server.port(), "/api/v1/gpu/driver");
  EXPECT_EQ(driver.status, 503u);
  EXPECT_EQ(driver.body, R"({"detail":"NVML not initialized. GPU features are not available."})");
  EXPECT_EQ(http_get(server.port(), "/-/ready").status, 503u);
  EXPECT_EQ(http_get(server.port(), "/-/healthy").status, 200u);
}

TEST(failure_modes, driver_not_loaded_exit_9_is_reported_with_the_original_text) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "exit:9"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", failed);
  EXPECT_EQ(error_kind(health), "driver_not_loaded");
  EXPECT_EQ(health.at("collection").at("last_error").at("exit_code"), json::value(9));
  const auto stats = get_json(server.port(), "/gpu/stats");
  EXPECT_EQ(stats.at("gpu_count"), json::value(0));
  EXPECT_TRUE(stats.as_object().contains("error"));
}

TEST(failure_modes, no_devices_exit_6_is_classified) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "exit:6"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", failed);
  EXPECT_EQ(error_kind(health), "no_devices");
}

TEST(failure_modes, one_gpu_lost_among_eight_leaves_seven_served) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "lost:3"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", failed);
  EXPECT_EQ(error_kind(health), "gpu_lost");
  const auto stats = get_json(server.port(), "/gpu/stats");
  EXPECT_EQ(stats.at("gpu_count"), json::value(7));
  for (const auto& gpu : stats.at("gpus").as_array()) EXPECT_NE(gpu.at("gpu_id"), json::value(3));
  const auto devices = get_json(server.port(), "/api/v1/gpu/devices");
  EXPECT_EQ(devices.at("count"), json::value(8));
  int unavailable = 0;
  for (const auto& d : devices.at("devices").as_array())
    if (d.at("is_available") == json::value(false)) {
      ++unavailable;
      EXPECT_TRUE(d.at("error_message").is_string());
    }
  EXPECT_EQ(unavailable, 1);
}

TEST(failure_modes, hang_is_killed_at_the_deadline_and_health_answers_throughout) {
  const fault_switch nvidia_smi(machine_dir(eight_gpus));
  smistat_process server({"--nvidia-smi", nvidia_smi.program().string(), "--refresh-interval",
                          "0.2", "--collect-timeout", "0.5", "--processes-interval", "3600",
                          "--details-interval", "0", "--host-interval", "3600"});
  ASSERT_NE(server.port(), 0);
  const holdings baseline = holdings_at_rest(server, 0);
  nvidia_smi.set("hang-ignore-term");
  // /health answers while nvidia-smi hangs, and reports the timeouts once they happen.
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return error_kind(h) == "timed_out" && h.at("collection").at("errors_total").as_int64() >= 3;
  });
  EXPECT_TRUE(is_degraded(health));
  EXPECT_EQ(error_kind(health), "timed_out");
  EXPECT_GE(health.at("collection").at("errors_total").as_int64(), 3);
  // Every hung run was killed and reaped: once the fault is off and no run is in flight, the
  // server holds no child and no more descriptors than before the fault.
  nvidia_smi.clear();
  const holdings after = holdings_at_rest(server, 0);
  EXPECT_FALSE(has_zombie_children(server.pid()));
  EXPECT_EQ(after.children, 0u);
  EXPECT_LE(after.descriptors, baseline.descriptors);
}

TEST(failure_modes, slow_runs_do_not_hold_up_requests) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.1",
                          "--collect-timeout", "10"},
                         {{"NVIDIA_SMI_REPLAY_FAULT", "slow:3000"}});
  ASSERT_NE(server.port(), 0);
  // The first request may wait for the first sample; later ones are served from the cache
  // while the next 3-second run is in flight.
  EXPECT_EQ(get_json(server.port(), "/gpu/count").at("gpu_count"), json::value(8));
  for (int i = 0; i < 5; ++i) {
    const auto reply = http_get(server.port(), "/gpu/count");
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(json::parse(reply.body).at("gpu_count"), json::value(8));
  }
}

class bad_output : public ::testing::TestWithParam<std::string> {};

TEST_P(bad_output, is_a_parse_error_and_never_a_crash) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", GetParam()}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", failed);
  EXPECT_EQ(error_kind(health), "parse_error");
  const auto stats = get_json(server.port(), "/gpu/stats");
  EXPECT_EQ(stats.at("gpu_count"), json::value(0));
  EXPECT_TRUE(stats.as_object().contains("error"));
}

INSTANTIATE_TEST_SUITE_P(faults, bad_output, ::testing::Values("garbage", "truncate"));

TEST(failure_modes, a_field_the_driver_rejects_is_dropped_and_the_rest_served) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "reject:power.draw"}});
  ASSERT_NE(server.port(), 0);
  const auto stats = poll_json(server.port(), "/gpu/stats", [](const json::value& v) {
    return v.at("gpu_count") == json::value(8);
  });
  ASSERT_EQ(stats.at("gpu_count"), json::value(8));
  EXPECT_TRUE(stats.at("gpus").at(0).at("power").at("draw_w").is_null());
  EXPECT_FALSE(stats.at("gpus").at(0).at("power").at("limit_w").is_null());
}

TEST(failure_modes, sigterm_during_a_hung_run_exits_zero_and_kills_nvidia_smi) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--collect-timeout", "30"},
                         {{"NVIDIA_SMI_REPLAY_FAULT", "hang"}});
  ASSERT_NE(server.port(), 0);
  const pid_t pid = server.pid();
  // Wait for the hung query itself: the start-up runs (--version, -L, ...) come and go first.
  std::vector<pid_t> kids;
  for (int i = 0; i < 250 && kids.empty(); ++i) {
    for (const auto kid : children_of(pid))
      if (cmdline_of(kid).find("--query-gpu") != std::string::npos) kids.push_back(kid);
    if (kids.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(kids.empty()) << "no nvidia-smi query in flight";
  const int status = server.stop(SIGTERM, std::chrono::seconds(3));
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The killed child is reaped by smistat before it exits (or by init right after).
  for (const auto kid : kids) {
    const auto proc = "/proc/" + std::to_string(kid);
    for (int i = 0; i < 100 && std::filesystem::exists(proc); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(std::filesystem::exists(proc)) << "nvidia-smi " << kid << " still running";
  }
}

}  // namespace
}  // namespace smistat::test
