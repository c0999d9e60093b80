#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>

#include "src/contracts/prometheus/metrics_text.hpp"
#include "src/contracts/prometheus/routes.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"

namespace smistat::contracts {
namespace {

constexpr std::string_view one_gpu =
    "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n";

struct route_fixture {
  std::shared_ptr<const collect::snapshot> current =
      std::make_shared<const collect::snapshot>(test::small_snapshot(one_gpu));
  std::atomic<int> stats_calls{0};
  http::router router;

  explicit route_fixture(const config& cfg, http::router_options options = {})
      : router(std::move(options)) {
    add_metrics_route(
        router, cfg, [this] { return current; },
        [this] {
          ++stats_calls;
          http::server_stats s;
          s.requests = 5;
          return s;
        });
  }
  http::response get(const std::string& path) {
    http::request req;
    req.path = path;
    return router.handle(req);
  }
};

TEST(MetricsRoute, ServesTheExpositionWithPrometheusContentType) {
  route_fixture f{config{}};
  const auto res = f.get("/metrics");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.content_type, render::metrics_content_type);
  const auto body = res.body_text();
  EXPECT_NE(body.find("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\""), std::string::npos);
  EXPECT_NE(body.find("smistat_up 1\n"), std::string::npos);
  EXPECT_NE(body.find("smistat_http_requests_total 5\n"), std::string::npos);
  EXPECT_NE(body.find("process_resident_memory_bytes "), std::string::npos);
}

TEST(MetricsRoute, PathIsConfigurableAndOutsideTheApiPrefix) {
  config cfg;
  cfg.telemetry_path = "/telemetry";
  route_fixture f{cfg, http::router_options{false, "/v1"}};
  EXPECT_EQ(f.get("/telemetry").status, 200u);
  EXPECT_EQ(f.get("/metrics").status, 404u);
  EXPECT_EQ(f.get("/v1/telemetry").status, 404u);
}

TEST(MetricsRoute, GpuPartIsRenderedPerGenerationAndSelfPartPerScrape) {
  route_fixture f{config{}};
  const auto first = f.get("/metrics").body_text();
  // Same generation, different rows: the cached GPU part must not change.
  auto changed = test::small_snapshot(
      "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 99\n");
  f.current = std::make_shared<const collect::snapshot>(changed);
  const auto second = f.get("/metrics").body_text();
  EXPECT_NE(second.find("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\""), std::string::npos);
  EXPECT_NE(second.find("} 35\n"), std::string::npos);
  EXPECT_EQ(f.stats_calls.load(), 2);
  changed.generation = 2;
  f.current = std::make_shared<const collect::snapshot>(changed);
  const auto third = f.get("/metrics").body_text();
  EXPECT_NE(third.find("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-aaaa\""), std::string::npos);
  EXPECT_NE(third.find("\"} 99\n"), std::string::npos) << third;
}

TEST(MetricsRoute, XidSectionFollowsTheKernelLogBetweenScrapesOfOneSample) {
  const auto current = std::make_shared<const collect::snapshot>(test::small_snapshot(one_gpu));
  auto report = std::make_shared<collect::xid_report>();
  report->source = "/dev/kmsg";
  report->state = collect::xid_source_state::reading;
  std::shared_ptr<const collect::xid_report> published = report;
  http::router router;
  add_metrics_route(
      router, config{}, [&] { return current; }, {}, [&] { return published; });
  const auto scrape = [&] {
    http::request req;
    req.path = "/metrics";
    return router.handle(req).body_text();
  };
  EXPECT_NE(scrape().find("DCGM_FI_DEV_XID_ERRORS{gpu=\"0\""), std::string::npos);
  EXPECT_EQ(scrape().find("smistat_xid_errors_total{"), std::string::npos);
  // The log reports an XID; the sample stays the same.
  auto next = std::make_shared<collect::xid_report>(*report);
  next->counts[{"00000000:01:00.0", 79}] = 1;
  published = next;
  const auto after = scrape();
  EXPECT_NE(after.find("smistat_xid_errors_total{gpu=\"0\",UUID=\"GPU-aaaa\",xid=\"79\"} 1\n"),
            std::string::npos)
      << after;
}

TEST(MetricsRoute, FailedCollectionStillAnswers200) {
  route_fixture f{config{}};
  auto failed = test::small_snapshot(one_gpu);
  failed.generation = 7;
  failed.health.consecutive_failures = 1;
  failed.health.last_error =
      collect::collection_error{collect::collection_failure::nvidia_smi_missing, 0, "not found"};
  failed.health.errors_by_kind = {{"nvidia_smi_missing", 1}};
  f.current = std::make_shared<const collect::snapshot>(failed);
  const auto res = f.get("/metrics");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body_text().find("DCGM_FI_DEV"), std::string::npos);
  EXPECT_NE(res.body_text().find("smistat_collect_errors_total{kind=\"nvidia_smi_missing\"} 1"),
            std::string::npos);
}

TEST(MetricsRoute, NvidiaSmiProfile) {
  config cfg;
  cfg.metrics_profile = "nvidia_smi";
  route_fixture f{cfg};
  const auto body = f.get("/metrics").body_text();
  EXPECT_NE(body.find("nvidia_smi_utilization_gpu_ratio{uuid=\"aaaa\"} 0.35000000000000003\n"),
            std::string::npos);
  EXPECT_EQ(body.find("DCGM_"), std::string::npos);
}

TEST(MetricsRoute, UnknownProfileIsAWiringError) {
  config cfg;
  cfg.metrics_profile = "statsd";
  http::router r;
  EXPECT_THROW(add_metrics_route(r, cfg, [] { return collect::snapshot_ptr(); }, {}),
               std::invalid_argument);
}

TEST(MetricsRoute, MissingServerStatsSourceReadsAsZero) {
  config cfg;
  http::router r;
  auto s = std::make_shared<const collect::snapshot>(test::small_snapshot(one_gpu));
  add_metrics_route(r, cfg, [s] { return s; }, {});
  http::request req;
  req.path = "/metrics";
  const auto res = r.handle(req);
  EXPECT_NE(res.body_text().find("smistat_http_requests_total 0\n"), std::string::npos);
}

}  // namespace
}  // namespace smistat::contracts
