// A GPU whose memory nvidia-smi could not give, and the collector could not derive, must never
// look empty to a client that allocates by memory: each contract shows it its own honest way.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "src/contracts/fleet_manager/fleet_manager.hpp"
#include "src/contracts/gpu_manager/gpu_manager.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/history/gpu_trend_history.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

namespace json = boost::json;
using test::sample_time;

// GPU 0 is whole; GPU 1 lacks used and free, GPU 2 total and used: nothing derives either.
collect::snapshot partly_unknown() {
  return test::snapshot_from_000_csv(
      "0, NVIDIA H100 80GB HBM3, 81559, 19818, 61263, 100, 60, 433.78, 700.00\n"
      "1, NVIDIA H100 80GB HBM3, 81559, [N/A], [N/A], 0, 40, 70.00, 700.00\n"
      "2, NVIDIA H100 80GB HBM3, [Unknown Error], [Unknown Error], 81081, 0, 40, 70.00, 700.00\n");
}

json::value parsed(const std::string& body) { return json::parse(body); }

TEST(unknown_memory, contract_000_leaves_the_gpu_out_as_a_lost_one) {
  const auto s = partly_unknown();
  const gpu_statistics_settings settings;
  const auto stats = parsed(render_gpu_stats(s, settings, sample_time()));
  EXPECT_EQ(stats.at("gpu_count"), json::value(1));
  ASSERT_EQ(stats.at("gpus").as_array().size(), 1u);
  EXPECT_EQ(stats.at("gpus").at(0).at("gpu_id"), json::value(0));
  EXPECT_EQ(parsed(render_gpu_count(s, settings, sample_time())).at("gpu_count"), json::value(1));
  const auto summary = parsed(render_gpu_summary(s, settings, sample_time()));
  EXPECT_EQ(summary.at("gpu_count"), json::value(1));
  EXPECT_EQ(summary.at("total_memory_mb"), json::value(81559));
  EXPECT_EQ(summary.at("total_used_memory_mb"), json::value(19818));
  EXPECT_EQ(summary.at("gpus_summary").as_array().size(), 1u);
  const auto config = parsed(render_config(s, settings, sample_time()));
  EXPECT_EQ(config.at("gpu_filtering").at("total_system_gpus"), json::value(1));
}

TEST(unknown_memory, health_names_the_gpus_left_out_and_is_degraded) {
  const auto health = parsed(render_health(partly_unknown(), {}, sample_time()));
  EXPECT_EQ(health.at("status"), json::value("degraded"));
  EXPECT_EQ(health.at("collection").at("incomplete_gpus"),
            json::parse(R"([{"gpu_id":1,"name":"NVIDIA H100 80GB HBM3",)"
                        R"("unknown":["memory.used","memory.free"]},)"
                        R"({"gpu_id":2,"name":"NVIDIA H100 80GB HBM3",)"
                        R"("unknown":["memory.total","memory.used"]}])"));
  const auto whole = parsed(render_health(test::four_gpu_snapshot(), {}, sample_time()));
  EXPECT_EQ(whole.at("status"), json::value("healthy"));
  EXPECT_TRUE(whole.at("collection").at("incomplete_gpus").as_array().empty());
}

// 002 prints its original's memory-error form, all three 0, never a total beside a used of 0.
TEST(unknown_memory, fleet_manager_prints_its_memory_error_form) {
  const auto body = parsed(render_fleet_gpu_metrics(partly_unknown(), sample_time()));
  const auto& gpus = body.at("gpus").as_array();
  ASSERT_EQ(gpus.size(), 3u);
  EXPECT_EQ(gpus[0].at("memory"), json::parse(R"({"total":81559,"used":19818,"free":61263})"));
  EXPECT_EQ(gpus[1].at("memory"), json::parse(R"({"total":0,"used":0,"free":0})"));
  EXPECT_EQ(gpus[2].at("memory"), json::parse(R"({"total":0,"used":0,"free":0})"));
}

TEST(unknown_memory, metrics_api_reports_no_capacity_rather_than_an_empty_gpu) {
  const auto s = partly_unknown();
  history::gpu_trend_history history(trend_samples);
  const auto body = parsed(render_gpu_metrics(s, sample_time(), history.update(s)));
  const auto& memory = body.at("gpus").at(1).at("memory");
  EXPECT_EQ(memory.at("total_mb"), json::value(0.0));
  EXPECT_EQ(memory.at("free_mb"), json::value(0.0));
  EXPECT_EQ(body.at("summary").at("total_memory_mb"), json::value(81559));
  EXPECT_EQ(body.at("summary").at("total_used_memory_mb"), json::value(19818));
}

// 003's fields may be null, and are: the known total stays, the unknown figures are null.
TEST(unknown_memory, gpu_manager_prints_null_for_what_is_unknown) {
  const auto body = parsed(render_gpu_devices(partly_unknown(), sample_time()).body);
  const auto& device = body.at("devices").at(1);
  EXPECT_EQ(device.at("total_memory_mb"), json::value(81559));
  EXPECT_TRUE(device.at("used_memory_mb").is_null());
  EXPECT_TRUE(device.at("free_memory_mb").is_null());
}

}  // namespace
}  // namespace smistat::render
