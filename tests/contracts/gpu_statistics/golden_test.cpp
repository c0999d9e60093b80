// Every recorded machine rendered through contract 000, compared with
// tests/contracts/gpu_statistics/golden/<machine>/<route>.json (SMISTAT_UPDATE_GOLDEN=1
// rewrites them).
#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using body_fn = std::function<std::string(const collect::snapshot&)>;

struct route {
  const char* file;
  body_fn body;
};

std::vector<route> routes() {
  const auto now = test::sample_time();
  const gpu_statistics_settings s000;
  return {
      {"gpu-stats.json", [=](const auto& s) { return render_gpu_stats(s, s000, now); }},
      {"gpu-count.json", [=](const auto& s) { return render_gpu_count(s, s000, now); }},
      {"gpu-summary.json", [=](const auto& s) { return render_gpu_summary(s, s000, now); }},
      {"health.json", [=](const auto& s) { return render_health(s, s000, now); }},
      {"config.json", [=](const auto& s) { return render_config(s, s000, now); }},
  };
}

TEST(gpu_statistics_golden, every_machine_matches_its_goldens) {
  const auto machines = test::machine_dirs();
  ASSERT_FALSE(machines.empty());
  const auto golden_root = std::filesystem::path(SMISTAT_GOLDEN_DIR);
  for (const auto& dir : machines) {
    SCOPED_TRACE(dir.filename().string());
    const collect::snapshot s = test::snapshot_from_machine(dir);
    EXPECT_FALSE(s.gpus.rows.empty());
    for (const auto& r : routes())
      EXPECT_TRUE(test::matches_golden(golden_root / dir.filename() / r.file, r.body(s))) << r.file;
  }
}

}  // namespace
}  // namespace smistat::render
