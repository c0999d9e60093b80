// What real clients of the original servers tripped over, provoked against the real binary and
// the replayer: a driver that rejects memory fields, a driver that is not loaded at all, port 0
// in /config, and probes behind --auth-all.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

const std::string h100 = "h100-80gb-hbm3__590.48.01";
const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

// The H100 load recording: total 81559, free 61263, reserved 479 MiB (used 19818).
constexpr std::int64_t derived_used = 81559 - 61263 - 479;

bool has_gpus(const json::value& stats) {
  return stats.as_object().contains("gpus") && !stats.at("gpus").as_array().empty();
}

// The issue's machine: `memory.used` rejected, free 61263 of 81559. Before, an allocator saw
// `used_mb: 0, usage_percent: 0.0` and handed the busy GPU out.
TEST(fidelity, rejected_memory_used_is_derived_in_every_contract) {
  smistat_process server({"--replay", machine_dir(h100).string(), "--refresh-interval", "0.2"},
                         {{"NVIDIA_SMI_REPLAY_FAULT", "reject:memory.used"}});
  ASSERT_NE(server.port(), 0);
  const auto stats = poll_json(server.port(), "/gpu/stats", has_gpus);
  ASSERT_TRUE(has_gpus(stats));
  const auto& memory = stats.at("gpus").at(0).at("memory");
  EXPECT_EQ(memory.at("used_mb"), json::value(derived_used));
  EXPECT_EQ(memory.at("free_mb"), json::value(61263));
  EXPECT_EQ(memory.at("usage_percent"), json::value(24.3));
  const auto summary = get_json(server.port(), "/gpu/summary");
  EXPECT_EQ(summary.at("total_used_memory_mb"), json::value(derived_used));
  EXPECT_EQ(get_json(server.port(), "/gpu").at("gpus").at(0).at("memory").at("used_mb"),
            json::value(static_cast<double>(derived_used)));
  EXPECT_EQ(get_json(server.port(), "/api/v1/gpu-metrics").at("gpus").at(0).at("memory").at("used"),
            json::value(derived_used));
  EXPECT_EQ(get_json(server.port(), "/api/v1/gpu/devices").at("devices").at(0).at("used_memory_mb"),
            json::value(derived_used));
  const auto metrics = http_get(server.port(), "/metrics").body;
  const auto series = metrics.find("DCGM_FI_DEV_FB_USED{");
  ASSERT_NE(series, std::string::npos);
  const auto line = metrics.substr(series, metrics.find('\n', series) - series);
  EXPECT_TRUE(line.ends_with("} " + std::to_string(derived_used))) << line;
  const auto health = get_json(server.port(), "/health");
  EXPECT_TRUE(health.at("collection").at("incomplete_gpus").as_array().empty());
}

// Used and free both rejected: nothing to derive from. 000 leaves every GPU out, as it does a
// lost one, and /health names them; nowhere does a GPU read as empty.
TEST(fidelity, underivable_memory_leaves_the_gpus_out_and_health_names_them) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "reject:memory.used;reject:memory.free"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return h.at("collection").at("incomplete_gpus").as_array().size() == 8;
  });
  const auto& unknown = health.at("collection").at("incomplete_gpus").as_array();
  ASSERT_EQ(unknown.size(), 8u);
  EXPECT_EQ(unknown[3], json::parse(R"({"gpu_id":3,"name":"NVIDIA H100 80GB HBM3",)"
                                    R"("unknown":["memory.used","memory.free"]})"));
  EXPECT_TRUE(is_degraded(health));
  EXPECT_EQ(health.at("nvidia_smi_available"), json::value(true));
  const auto stats = get_json(server.port(), "/gpu/stats");
  EXPECT_EQ(stats.at("gpu_count"), json::value(0));
  EXPECT_TRUE(stats.at("gpus").as_array().empty());
  EXPECT_EQ(get_json(server.port(), "/gpu/summary").at("gpu_count"), json::value(0));
  const auto fleet = get_json(server.port(), "/api/v1/gpu-metrics");
  for (const auto& gpu : fleet.at("gpus").as_array())
    EXPECT_EQ(gpu.at("memory"), json::parse(R"({"total":0,"used":0,"free":0})"));
  const auto devices = get_json(server.port(), "/api/v1/gpu/devices");
  for (const auto& d : devices.at("devices").as_array()) {
    EXPECT_EQ(d.at("total_memory_mb"), json::value(81559));
    EXPECT_TRUE(d.at("used_memory_mb").is_null());
  }
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_EQ(metrics.find("DCGM_FI_DEV_FB_USED{"), std::string::npos);
  EXPECT_EQ(metrics.find("DCGM_FI_DEV_FB_FREE{"), std::string::npos);
  EXPECT_NE(metrics.find("DCGM_FI_DEV_FB_TOTAL{"), std::string::npos);
}

// Driver not loaded: every command exits 9, `--version` too. The original then never had
// nvidia-smi available, and says so; /health agrees.
TEST(fidelity, driver_not_loaded_everywhere_is_not_available_as_in_the_original) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "exit:9"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", failed);
  EXPECT_EQ(health.at("nvidia_smi_available"), json::value(false));
  const std::string not_available =
      R"({"error":"nvidia-smi not available","gpu_count":0,"gpus":[]})";
  EXPECT_EQ(http_get(server.port(), "/gpu/stats").body, not_available);
  EXPECT_EQ(http_get(server.port(), "/gpu/summary").body, not_available);
  EXPECT_EQ(http_get(server.port(), "/gpu/count").body, R"({"gpu_count":0,"timestamp":null})");
}

// The Windows recording, two of whose processes have `, ` in their paths: the process list is
// read whole (before, the ragged rows rejected it and every GPU showed no processes).
TEST(fidelity, windows_process_names_with_commas_keep_the_process_list) {
  smistat_process server(
      {"--replay", (machine_dir("synthetic") / "windows-comma-in-process-name__591.86").string(),
       "--refresh-interval", "0.2"});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    const auto& processes = h.at("collection").at("parts").at("processes");
    return !processes.at("last_success").is_null() || !processes.at("last_error").is_null();
  });
  const auto& processes = health.at("collection").at("parts").at("processes");
  EXPECT_TRUE(processes.at("last_error").is_null()) << processes;
  EXPECT_FALSE(processes.at("last_success").is_null());
  // 001 lists the first five (all at `[N/A]` memory, so in nvidia-smi's order): the fifth is
  // `C:\Program Files\Foo, Inc\app.exe`.
  const auto gpu = get_json(server.port(), "/gpu").at("gpus").at(0);
  const auto& top = gpu.at("top_processes").as_array();
  ASSERT_EQ(top.size(), 5u);
  EXPECT_EQ(top[4].at("pid"), json::value(20372));
}

// The originals read processes in the same request as the GPU figures, so their first answer
// always named the processes. 001's first /gpu waits for smistat's first process list (3 s
// here); routes without processes never wait for it.
TEST(fidelity, the_first_answer_with_processes_waits_for_the_first_process_list) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "slow-apps:3000"}});
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(get_json(server.port(), "/gpu/count").at("gpu_count"), json::value(8));
  const auto processes_runs = [&] {
    return get_json(server.port(), "/health")
        .at("collection")
        .at("parts")
        .at("processes")
        .at("runs_total");
  };
  EXPECT_EQ(processes_runs(), json::value(0)) << "/gpu/count waited for the process list";
  std::size_t listed = 0;
  const auto first_gpu_answer = get_json(server.port(), "/gpu");
  for (const auto& gpu : first_gpu_answer.at("gpus").as_array())
    listed += gpu.at("top_processes").as_array().size();
  EXPECT_GT(listed, 0u);
  EXPECT_NE(processes_runs(), json::value(0));
}

TEST(fidelity, config_reports_the_bound_port_when_started_with_port_0) {
  smistat_process server({"--replay", machine_dir(h100).string()});
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(get_json(server.port(), "/config").at("server").at("port"), json::value(server.port()));
}

TEST(fidelity, auth_all_leaves_the_probes_open) {
  smistat_process server(
      {"--replay", machine_dir(h100).string(), "--api-key", "sesame", "--auth-all"});
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(http_get(server.port(), "/gpu/count").status, 401u);
  EXPECT_EQ(http_request(server.port(), "GET", "/gpu/count", {{"X-API-Key", "sesame"}}).status,
            200u);
  EXPECT_EQ(http_get(server.port(), "/-/healthy").status, 200u);
  // Ready or not yet, but never refused for want of a key.
  EXPECT_NE(http_get(server.port(), "/-/ready").status, 401u);
}

TEST(fidelity, auth_probes_closes_the_probes_too) {
  smistat_process server({"--replay", machine_dir(h100).string(), "--api-key", "sesame",
                          "--auth-all", "--auth-probes"});
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(http_get(server.port(), "/-/healthy").status, 401u);
  EXPECT_EQ(http_get(server.port(), "/-/ready").status, 401u);
  EXPECT_EQ(http_request(server.port(), "GET", "/-/healthy", {{"X-API-Key", "sesame"}}).status,
            200u);
}

}  // namespace
}  // namespace smistat::test
