#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"

#include <gtest/gtest.h>

#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/contracts/gpu_statistics/settings.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using test::four_gpu_snapshot;
using test::sample_time;

constexpr const char* ts = "2026-11-21T23:18:33.706334";

gpu_statistics_settings with_visible(std::optional<std::string> value) {
  smistat::config cfg;
  cfg.cuda_visible_devices = std::move(value);
  return contracts::gpu_statistics_settings_from(cfg);
}

// The original's observed /, byte for byte.
TEST(gpu_statistics_server, home_matches_the_original) {
  EXPECT_EQ(
      render_home(four_gpu_snapshot(), {}, sample_time()),
      R"({"message":"GPU Statistics Server","version":"1.0.0","endpoints":{"/":"This help message","/gpu/stats":"Get detailed GPU statistics","/gpu/count":"Get number of installed GPUs","/gpu/summary":"Get summary of GPU usage","/health":"Health check endpoint","/config":"Get server configuration","/docs":"Swagger API documentation","/redoc":"ReDoc API documentation"}})");
  gpu_statistics_settings settings;
  settings.version = "2.5.0";
  settings.title = "Other title";  // TITLE does not change the hard-coded message
  EXPECT_EQ(render_home({}, settings, sample_time())
                .rfind(R"({"message":"GPU Statistics Server","version":"2.5.0","endpoints":{)", 0),
            0u);
}

// The original's observed /gpu/stats: [N/A] power -> null, [N/A] utilization -> 0, total 0 -> the
// int 0, floats keep .0.
TEST(gpu_statistics_server, stats_match_the_original) {
  const std::string expected =
      std::string(R"({"gpu_count":4,"gpus":[)") +
      R"({"gpu_id":0,"name":"NVIDIA GeForce RTX 3080","memory":{"total_mb":10240,"used_mb":2048,"free_mb":8192,"usage_percent":20.0},"utilization_percent":15,"temperature_c":45,"power":{"draw_w":120.5,"limit_w":320.0}},)"
      R"({"gpu_id":1,"name":"NVIDIA GeForce RTX 3080","memory":{"total_mb":10240,"used_mb":3001,"free_mb":7239,"usage_percent":29.31},"utilization_percent":20,"temperature_c":47,"power":{"draw_w":null,"limit_w":null}},)"
      R"({"gpu_id":2,"name":"NVIDIA A100-SXM4-40GB","memory":{"total_mb":40960,"used_mb":0,"free_mb":40960,"usage_percent":0.0},"utilization_percent":0,"temperature_c":null,"power":{"draw_w":55.12,"limit_w":400.0}},)"
      R"({"gpu_id":3,"name":"Tesla V100","memory":{"total_mb":0,"used_mb":0,"free_mb":0,"usage_percent":0},"utilization_percent":100,"temperature_c":80,"power":{"draw_w":250.0,"limit_w":250.0}}],)"
      R"("timestamp":"2026-11-21T23:18:33.706334"})";
  EXPECT_EQ(render_gpu_stats(four_gpu_snapshot(), {}, sample_time()), expected);
}

// The original's observed /gpu/count.
TEST(gpu_statistics_server, count_matches_the_original) {
  EXPECT_EQ(render_gpu_count(four_gpu_snapshot(), {}, sample_time()),
            R"({"gpu_count":4,"timestamp":"2026-11-21T23:18:33.706334"})");
}

// The original's observed /gpu/summary, except average_utilization_percent: smistat averages only
// over GPUs whose utilization is known (GPU 2 reports [N/A]), so (15+20+100)/3 = 45.0 where 000
// said 33.75.
TEST(gpu_statistics_server, summary_matches_the_original_but_skips_unknown_utilization) {
  EXPECT_EQ(
      render_gpu_summary(four_gpu_snapshot(), {}, sample_time()),
      R"({"gpu_count":4,"total_memory_mb":61440,"total_used_memory_mb":5049,"average_utilization_percent":45.0,"gpus_summary":[{"gpu_id":0,"name":"NVIDIA GeForce RTX 3080","memory_usage_percent":20.0,"utilization_percent":15},{"gpu_id":1,"name":"NVIDIA GeForce RTX 3080","memory_usage_percent":29.31,"utilization_percent":20},{"gpu_id":2,"name":"NVIDIA A100-SXM4-40GB","memory_usage_percent":0.0,"utilization_percent":0},{"gpu_id":3,"name":"Tesla V100","memory_usage_percent":0,"utilization_percent":100}],"total_memory_usage_percent":8.22,"timestamp":"2026-11-21T23:18:33.706334"})");
}

// /gpu/summary with every utilization known reproduces 000's average exactly.
TEST(gpu_statistics_server, summary_average_equals_the_original_when_all_known) {
  const auto s = test::snapshot_from_000_csv(
      "0, A, 10240, 2048, 8192, 15, 45, 120.50, 320.00\n"
      "1, B, 10240, 3001, 7239, 20, 47, [N/A], [N/A]\n"
      "2, C, 40960, 0, 40960, 0, [N/A], 55.12, 400.00\n"
      "3, D, 0, 0, 0, 100, 80, 250.00, 250.00\n");
  EXPECT_NE(
      render_gpu_summary(s, {}, sample_time()).find(R"("average_utilization_percent":33.75,)"),
      std::string::npos);
}

TEST(gpu_statistics_server, summary_with_no_known_utilization_is_zero_float) {
  const auto s = test::snapshot_from_000_csv("0, A, 100, 50, 50, [N/A], 40, 1.0, 2.0\n");
  EXPECT_NE(render_gpu_summary(s, {}, sample_time()).find(R"("average_utilization_percent":0.0,)"),
            std::string::npos);
}

// Unknown `used` must not read as an idle GPU: the GPU is not in the summary at all.
TEST(gpu_statistics_server, summary_leaves_out_gpus_with_unknown_memory) {
  const auto s = test::snapshot_from_000_csv(
      "0, A, 1000, 500, 500, 10, 40, 1.0, 2.0\n"
      "1, B, 1000, [N/A], [N/A], 10, 40, 1.0, 2.0\n");
  const auto body = render_gpu_summary(s, {}, sample_time());
  EXPECT_NE(body.find(R"({"gpu_count":1,"total_memory_mb":1000,"total_used_memory_mb":500,)"),
            std::string::npos);
  EXPECT_NE(body.find(R"("total_memory_usage_percent":50.0,)"), std::string::npos);
}

// The original's 0-GPU /gpu/summary plus the key its own client needs
// (docs/contracts/gpu_statistics.md).
TEST(gpu_statistics_server, zero_gpu_summary_always_has_total_memory_usage_percent) {
  EXPECT_EQ(
      render_gpu_summary(four_gpu_snapshot(), with_visible(""), sample_time()),
      std::string(
          R"({"gpu_count":0,"total_memory_mb":0,"total_used_memory_mb":0,"average_utilization_percent":0,"gpus_summary":[],"total_memory_usage_percent":0,"timestamp":")") +
          ts + "\"}");
  EXPECT_EQ(render_gpu_stats(four_gpu_snapshot(), with_visible(""), sample_time()),
            std::string(R"({"gpu_count":0,"gpus":[],"timestamp":")") + ts + "\"}");
}

// The original's /config observed with HOST=127.0.0.1, PORT=18000, RELOAD=false.
TEST(gpu_statistics_server, config_matches_the_original) {
  smistat::config cfg;
  cfg.host = "127.0.0.1";
  cfg.port = 18000;
  cfg.reload = false;
  EXPECT_EQ(
      render_config(four_gpu_snapshot(), contracts::gpu_statistics_settings_from(cfg),
                    sample_time()),
      R"({"server":{"host":"127.0.0.1","port":18000,"reload":false,"log_level":"info","access_log":true,"workers":1},"api":{"title":"GPU Statistics Server","version":"1.0.0","docs_url":"/docs","redoc_url":"/redoc","enable_cors":true,"api_prefix":""},"monitoring":{"refresh_interval":1.0,"max_history":100},"gpu_filtering":{"cuda_visible_devices":null,"visible_gpu_ids":null,"filtering_active":false,"total_system_gpus":4,"visible_gpu_count":4}})");
}

struct filtering_case {
  const char* visible;
  const char* expected;  // the gpu_filtering object of /config
};

TEST(gpu_statistics_server, config_reports_the_filter) {
  const filtering_case cases[] = {
      {"",
       R"({"cuda_visible_devices":"","visible_gpu_ids":[],"filtering_active":true,"total_system_gpus":4,"visible_gpu_count":0})"},
      {"2, 0 ,0",
       R"({"cuda_visible_devices":"2, 0 ,0","visible_gpu_ids":[2,0,0],"filtering_active":true,"total_system_gpus":4,"visible_gpu_count":2})"},
      {"1,3",
       R"({"cuda_visible_devices":"1,3","visible_gpu_ids":[1,3],"filtering_active":true,"total_system_gpus":4,"visible_gpu_count":2})"},
      {"5,7",
       R"({"cuda_visible_devices":"5,7","visible_gpu_ids":[5,7],"filtering_active":true,"total_system_gpus":4,"visible_gpu_count":0})"},
      {"GPU-05a9ed06",
       R"({"cuda_visible_devices":"GPU-05a9ed06","visible_gpu_ids":null,"filtering_active":false,"total_system_gpus":4,"visible_gpu_count":4})"},
  };
  for (const auto& c : cases) {
    const auto body = render_config(four_gpu_snapshot(), with_visible(c.visible), sample_time());
    const auto at = body.find(R"("gpu_filtering":)");
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(body.substr(at + 16), std::string(c.expected) + "}") << c.visible;
  }
}

TEST(gpu_statistics_server, filter_keeps_nvidia_smi_order_and_ids) {
  const auto body = render_gpu_stats(four_gpu_snapshot(), with_visible("2, 0 ,0"), sample_time());
  const auto first = body.find(R"("gpu_id":0)");
  const auto second = body.find(R"("gpu_id":2)");
  EXPECT_EQ(body.rfind(R"({"gpu_count":2,)", 0), 0u);
  EXPECT_LT(first, second);
  EXPECT_EQ(body.find(R"("gpu_id":1)"), std::string::npos);
  EXPECT_EQ(body.find(R"("gpu_id":3)"), std::string::npos);
}

}  // namespace
}  // namespace smistat::render
