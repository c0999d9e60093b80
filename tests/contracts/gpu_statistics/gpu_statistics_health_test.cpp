// Contract 000 `/health` with smistat's `collection` block and `degraded` rule.
#include <gtest/gtest.h>

#include "parsers/query_csv.hpp"
#include "src/collect/xid_log.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using namespace std::chrono_literals;
using test::sample_time;

// The original's /health timestamp; the collection block is smistat's additive key.
TEST(gpu_statistics_health, healthy_body) {
  const auto now = sample_time() + 33396us;
  EXPECT_EQ(
      render_health(test::four_gpu_snapshot(), {}, now),
      R"({"status":"healthy","nvidia_smi_available":true,"timestamp":"2026-11-21T23:18:33.739730","collection":{"mode":"interval","refresh_interval":1.0,"last_attempt":"2026-11-21T23:18:33.706334","last_success":"2026-11-21T23:18:33.706334","age_seconds":0.033,"stale":false,"consecutive_failures":0,"last_error":null,"lost_gpus":[],"incomplete_gpus":[],"runs_total":1,"errors_total":0,"parts":{"processes":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0},"details":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0},"host":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0},"facts":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0}}}})");
}

TEST(gpu_statistics_health, failing_collection_is_degraded_and_names_the_error) {
  collect::snapshot s = test::four_gpu_snapshot();
  s.health.last_attempt = sample_time() + 1s;
  s.health.consecutive_failures = 2;
  s.health.last_error = collect::collection_error{collect::collection_failure::driver_not_loaded, 9,
                                                  "NVIDIA-SMI has failed"};
  const auto body = render_health(s, {}, sample_time() + 1500ms);
  EXPECT_EQ(body.rfind(R"({"status":"degraded","nvidia_smi_available":true,)", 0), 0u);
  EXPECT_NE(
      body.find(
          R"("age_seconds":1.5,"stale":false,"consecutive_failures":2,"last_error":{"kind":"driver_not_loaded","exit_code":9,"message":"NVIDIA-SMI has failed"},)"),
      std::string::npos);
}

TEST(gpu_statistics_health, data_older_than_three_intervals_is_stale) {
  const auto body = render_health(test::four_gpu_snapshot(), {}, sample_time() + 3100ms);
  EXPECT_EQ(body.rfind(R"({"status":"degraded",)", 0), 0u);
  EXPECT_NE(body.find(R"("age_seconds":3.1,"stale":true,)"), std::string::npos);
}

TEST(gpu_statistics_health, a_lost_gpu_is_degraded_and_named) {
  collect::snapshot s = test::four_gpu_snapshot();
  s.gpus.lost.push_back({"00000000:02:00.0", "GPU is lost",
                         "Unable to determine the device "
                         "handle for GPU 00000000:02:00.0: "
                         "GPU is lost"});
  const auto body = render_health(s, {}, sample_time());
  EXPECT_EQ(body.rfind(R"({"status":"degraded",)", 0), 0u);
  EXPECT_NE(
      body.find(
          R"("lost_gpus":[{"bus_id":"00000000:02:00.0","message":"Unable to determine the device handle for GPU 00000000:02:00.0: GPU is lost"}],"incomplete_gpus":[],"runs_total")"),
      std::string::npos);
}

TEST(gpu_statistics_health, no_nvidia_smi_is_reported_and_never_an_error_status) {
  collect::snapshot s;  // nothing found, nothing sampled
  s.health.last_error =
      collect::collection_error{collect::collection_failure::nvidia_smi_missing, 0, "not found"};
  s.health.consecutive_failures = 1;
  EXPECT_EQ(
      render_health(s, {}, sample_time()),
      R"({"status":"degraded","nvidia_smi_available":false,"timestamp":"2026-11-21T23:18:33.706334","collection":{"mode":"interval","refresh_interval":1.0,"last_attempt":null,"last_success":null,"age_seconds":null,"stale":true,"consecutive_failures":1,"last_error":{"kind":"nvidia_smi_missing","exit_code":0,"message":"not found"},"lost_gpus":[],"incomplete_gpus":[],"runs_total":0,"errors_total":0,"parts":{"processes":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0},"details":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0},"host":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0},"facts":{"last_attempt":null,"last_success":null,"age_seconds":null,"last_error":null,"runs_total":0,"errors_total":0}}}})");
}

}  // namespace
}  // namespace smistat::render

namespace smistat::render {
namespace {

// The xid block: newest report first, the GPU from the GPUs seen at its address, null for an
// address no GPU was seen at, pid and process name null when the driver did not say.
TEST(gpu_statistics_health, xid_block_lists_recent_reports_newest_first) {
  collect::xid_log log("/dev/kmsg");
  log.set_state(collect::xid_source_state::reading);
  const auto gpus = parsers::parse_query_csv(
      "3, GPU-dddd, 00000000:3B:00.0\n", std::vector<std::string>{"index", "uuid", "pci.bus_id"},
      {false, false});
  ASSERT_TRUE(gpus.has_value());
  log.remember_gpus(*gpus);
  log.add_lines(
      std::vector<std::string>{
          "NVRM: Xid (PCI:0000:3b:00): 79, pid=1234, name=python3, GPU has fallen off the bus.",
          "NVRM: Xid (PCI:0000:c1:00): 13, pid='<unknown>', name=<unknown>, Graphics Exception"},
      test::sample_time() + std::chrono::seconds(1));
  const auto body = render_health(test::four_gpu_snapshot(), {}, test::sample_time(), std::nullopt,
                                  log.current().get());
  const auto xid = body.find(R"(,"xid":)");
  ASSERT_NE(xid, std::string::npos);
  EXPECT_EQ(
      body.substr(xid),
      R"(,"xid":{"source":"/dev/kmsg","state":"reading","error":null,"events_total":2,"recent":[{"time":"2026-11-21T23:18:34.706334","pci_bus_id":"00000000:C1:00.0","gpu":null,"uuid":null,"xid":13,"pid":null,"process_name":null,"message":"Graphics Exception"},{"time":"2026-11-21T23:18:34.706334","pci_bus_id":"00000000:3B:00.0","gpu":3,"uuid":"GPU-dddd","xid":79,"pid":1234,"process_name":"python3","message":"GPU has fallen off the bus."}]}})");
}

TEST(gpu_statistics_health, xid_block_says_why_the_log_is_not_read) {
  collect::xid_log log("/dev/kmsg");
  log.set_state(collect::xid_source_state::unavailable, "/dev/kmsg: Operation not permitted");
  const auto body = render_health(test::four_gpu_snapshot(), {}, test::sample_time(), std::nullopt,
                                  log.current().get());
  EXPECT_NE(
      body.find(
          R"("xid":{"source":"/dev/kmsg","state":"unavailable","error":"/dev/kmsg: Operation not permitted","events_total":0,"recent":[]}})"),
      std::string::npos);
  // Not reading the kernel log is no reason to call the GPUs unhealthy.
  EXPECT_EQ(body.rfind(R"({"status":"healthy",)", 0), 0u);
}

}  // namespace
}  // namespace smistat::render
