// The original's test_api_endpoint_consistency_integration.py: the GPU routes agree with
// each other and with /config for every CUDA_VISIBLE_DEVICES value.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/contracts/gpu_statistics/settings.hpp"
#include "src/contracts/kit/json_writer.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

namespace json = boost::json;
using test::sample_time;

// The original test's mocked nvidia-smi lines.
collect::snapshot mocked_four_gpus() {
  std::string text;
  for (int i = 0; i < 4; ++i) {
    char line[160];
    std::snprintf(line, sizeof line,
                  "%d, NVIDIA GeForce RTX 308%d, 12288, %d, %d, %d, %d, %.1f, 320.0\n", i, i,
                  2048 + 512 * i, 10240 - 512 * i, 25 + 15 * i, 45 + i, 150.0 + 10 * i);
    text += line;
  }
  return test::snapshot_from_000_csv(text);
}

gpu_statistics_settings with_visible(std::optional<std::string> value) {
  smistat::config cfg;
  cfg.cuda_visible_devices = std::move(value);
  return contracts::gpu_statistics_settings_from(cfg);
}

struct bodies {
  json::object stats, count, summary, config;
};

bodies render_all(const collect::snapshot& s, const gpu_statistics_settings& settings) {
  const auto now = sample_time();
  return {json::parse(render_gpu_stats(s, settings, now)).as_object(),
          json::parse(render_gpu_count(s, settings, now)).as_object(),
          json::parse(render_gpu_summary(s, settings, now)).as_object(),
          json::parse(render_config(s, settings, now)).as_object()};
}

TEST(gpu_statistics_consistency, counts_agree_for_every_filter) {
  for (const char* visible : {"", "0", "1", "1,3", "3,1,0", "2, 0 ,0", "5,7", "0,5", "x"}) {
    const bodies b = render_all(mocked_four_gpus(), with_visible(visible));
    const auto n = b.stats.at("gpu_count").as_int64();
    EXPECT_EQ(static_cast<std::size_t>(n), b.stats.at("gpus").as_array().size()) << visible;
    EXPECT_EQ(b.count.at("gpu_count").as_int64(), n) << visible;
    EXPECT_EQ(b.summary.at("gpu_count").as_int64(), n) << visible;
    EXPECT_EQ(b.summary.at("gpus_summary").as_array().size(), static_cast<std::size_t>(n));
    EXPECT_EQ(b.config.at("gpu_filtering").at("visible_gpu_count").as_int64(), n) << visible;
    EXPECT_EQ(b.config.at("gpu_filtering").at("total_system_gpus").as_int64(), 4) << visible;
    EXPECT_EQ(b.stats.at("timestamp"), b.summary.at("timestamp")) << visible;
    EXPECT_EQ(b.stats.at("timestamp"), b.count.at("timestamp")) << visible;
  }
}

TEST(gpu_statistics_consistency, single_visible_gpu_summary) {
  const bodies b = render_all(mocked_four_gpus(), with_visible("1"));
  EXPECT_EQ(b.summary.at("gpu_count"), 1);
  EXPECT_TRUE(b.summary.at("total_memory_mb").is_int64());
  EXPECT_EQ(b.summary.at("total_memory_mb"), 12288);
  EXPECT_EQ(b.summary.at("total_used_memory_mb"), 2560);
  EXPECT_EQ(b.summary.at("average_utilization_percent"), 40.0);
  EXPECT_EQ(b.summary.at("total_memory_usage_percent").as_double(),
            python_round(2560.0 / 12288.0 * 100.0, 2));
  EXPECT_EQ(b.summary.at("total_memory_usage_percent"), 20.83);
  EXPECT_EQ(b.stats.at("gpus").as_array().at(0).at("gpu_id"), 1);
}

TEST(gpu_statistics_consistency, empty_filter_gives_zeros) {
  const bodies b = render_all(mocked_four_gpus(), with_visible(""));
  EXPECT_EQ(b.summary.at("gpu_count"), 0);
  EXPECT_EQ(b.summary.at("total_memory_mb"), 0);
  EXPECT_EQ(b.summary.at("total_used_memory_mb"), 0);
  EXPECT_TRUE(b.summary.at("gpus_summary").as_array().empty());
  EXPECT_EQ(b.summary.at("total_memory_usage_percent"), 0);
}

// The client (models.py) checks these types; an int must never come out as 20.0.
TEST(gpu_statistics_consistency, client_visible_types) {
  const bodies b = render_all(mocked_four_gpus(), with_visible(std::nullopt));
  for (const char* key : {"gpu_count", "total_memory_mb", "total_used_memory_mb"})
    EXPECT_TRUE(b.summary.at(key).is_int64()) << key;
  EXPECT_TRUE(b.summary.at("average_utilization_percent").is_double());
  for (const auto& item : b.summary.at("gpus_summary").as_array()) {
    EXPECT_TRUE(item.at("gpu_id").is_int64());
    EXPECT_TRUE(item.at("utilization_percent").is_int64());
    EXPECT_TRUE(item.at("memory_usage_percent").is_double());
  }
  for (const auto& gpu : b.stats.at("gpus").as_array()) {
    for (const char* key : {"total_mb", "used_mb", "free_mb"})
      EXPECT_TRUE(gpu.at("memory").at(key).is_int64()) << key;
    EXPECT_TRUE(gpu.at("power").at("draw_w").is_double());
    EXPECT_TRUE(gpu.at("temperature_c").is_int64());
  }
}

// Same snapshot, same bodies: what the original's cache test checks within one TTL.
TEST(gpu_statistics_consistency, rendering_is_deterministic) {
  const auto s = mocked_four_gpus();
  const auto settings = with_visible("0,2");
  EXPECT_EQ(render_gpu_summary(s, settings, sample_time()),
            render_gpu_summary(s, settings, sample_time() + std::chrono::milliseconds(400)));
}

}  // namespace
}  // namespace smistat::render
