// The host figures (cpu, memory, disk, platform) come from /proc and /sys and owe nvidia-smi
// nothing: with nvidia-smi missing, failing with exit 9 or hanging, /gpu still carries them in
// full, on the first request after start and later, and so does the fleet manager's /metrics.
#include <gtest/gtest.h>

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

struct outage {
  const char* name;
  std::vector<std::string> args;
  environment_overrides env;
  const char* error_kind;  ///< what /health names once the first run has ended
};

std::vector<outage> outages() {
  const auto replay = machine_dir("synthetic-8x-h100__590.48.01").string();
  return {
      {"missing", {"--nvidia-smi", "/nonexistent/nvidia-smi"}, {}, "nvidia_smi_missing"},
      {"exit_9",
       {"--replay", replay},
       {{"NVIDIA_SMI_REPLAY_FAULT", "exit:9"}},
       "driver_not_loaded"},
      {"hang",
       {"--replay", replay, "--collect-timeout", "1"},
       {{"NVIDIA_SMI_REPLAY_FAULT", "hang"}},
       "timed_out"},
  };
}

std::int64_t integer(const json::value& v) {
  return v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_double());
}

double number(const json::value& v) {
  return v.is_double() ? v.as_double() : static_cast<double>(v.as_int64());
}

/** The members a client of the original reads, with the values a real host must have. */
void expect_real_host(const json::value& gpu_body, const std::string& when) {
  const auto& info = gpu_body.at("system_info");
  EXPECT_EQ(info.at("os"), json::value("Linux")) << when;
  EXPECT_FALSE(info.at("hostname").as_string().empty()) << when;
  EXPECT_FALSE(info.at("platform").as_string().empty()) << when;
  const auto& cpu = info.at("cpu");
  EXPECT_GT(integer(cpu.at("cpu_count_logical")), 0) << when;
  EXPECT_FALSE(cpu.at("cpu_per_core_percent").as_array().empty()) << when;
  const auto& memory = info.at("memory");
  EXPECT_GT(integer(memory.at("total_mb")), 0) << when;
  EXPECT_GT(integer(memory.at("available_mb")), 0) << when;
  EXPECT_FALSE(memory.at("top_processes").as_array().empty()) << when;
  const auto& io = info.at("disk_io");
  for (const char* key :
       {"read_bytes_per_sec", "write_bytes_per_sec", "read_ops_per_sec", "write_ops_per_sec",
        "total_read_bytes", "total_write_bytes", "total_read_ops", "total_write_ops"})
    EXPECT_TRUE(io.as_object().contains(key)) << when << ": disk_io." << key;
  EXPECT_GT(number(info.at("disk_used_gb")) + number(info.at("disk_available_gb")), 0.0) << when;
  EXPECT_EQ(gpu_body.at("status"), json::value("error")) << when;
  EXPECT_EQ(gpu_body.at("gpu_count"), json::value(0)) << when;
  EXPECT_EQ(gpu_body.at("summary").at("total_memory_mb"), json::value(0)) << when;
}

class host_without_gpu : public ::testing::TestWithParam<outage> {};

TEST_P(host_without_gpu, gpu_and_fleet_metrics_carry_the_host_first_and_later) {
  const auto& o = GetParam();
  smistat_process server(o.args, o.env);
  ASSERT_NE(server.port(), 0) << server.log();
  // The very first request: /gpu waits for the first GPU outcome (bounded by the run's deadline),
  // whose snapshot already carries the reading taken before the server listened.
  expect_real_host(get_json(server.port(), "/gpu"), "first request");
  const auto health = poll_json(server.port(), "/health", [&](const json::value& h) {
    return error_kind(h) == o.error_kind &&
           integer(h.at("collection").at("parts").at("host").at("runs_total")) >= 2;
  });
  ASSERT_EQ(error_kind(health), o.error_kind);
  // A later reading than the first: the host is read again while nvidia-smi stays down.
  EXPECT_GE(integer(health.at("collection").at("parts").at("host").at("runs_total")), 2);
  EXPECT_TRUE(health.at("collection").at("parts").at("host").at("last_error").is_null());
  expect_real_host(get_json(server.port(), "/gpu"), "later request");
  const auto metrics = get_json(server.port(), "/api/v1/metrics");
  EXPECT_GT(integer(metrics.at("system").at("memory").at("total")), 0);
  EXPECT_GT(integer(metrics.at("system").at("disk").at("total")), 0);
}

INSTANTIATE_TEST_SUITE_P(outages, host_without_gpu, ::testing::ValuesIn(outages()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace smistat::test
