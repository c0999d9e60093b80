// Every recorded machine rendered through contracts 000 and 003, compared with
// tests/render/golden/<machine>/<route>.json (SMISTAT_UPDATE_GOLDEN=1 rewrites them).
#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "src/render/gpu_manager.hpp"
#include "src/render/gpu_statistics_server.hpp"
#include "src/render/gpu_statistics_status.hpp"
#include "tests/render/render_fixture.hpp"

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
      {"api-v1-gpu-devices.json", [=](const auto& s) { return render_gpu_devices(s, now).body; }},
      {"api-v1-gpu-driver.json", [=](const auto& s) { return render_gpu_driver(s, now).body; }},
  };
}

TEST(render_golden, every_machine_matches_its_goldens) {
  const auto machines = test::machine_dirs();
  ASSERT_FALSE(machines.empty());
  const auto golden_root = std::filesystem::path(SMISTAT_RENDER_GOLDEN_DIR);
  for (const auto& dir : machines) {
    SCOPED_TRACE(dir.filename().string());
    const collect::snapshot s = test::snapshot_from_machine(dir);
    EXPECT_FALSE(s.gpus.rows.empty());
    for (const auto& r : routes())
      EXPECT_TRUE(test::matches_golden(golden_root / dir.filename() / r.file, r.body(s))) << r.file;
  }
}

TEST(render_golden, header_names_map_to_smistat_keys) {
  EXPECT_EQ(test::key_for_header_name("clocks_throttle_reasons.active"),
            "clocks_event_reasons.active");
  EXPECT_EQ(test::key_for_header_name("clocks_throttle_reasons.gpu_idle"),
            "clocks_event_reasons.gpu_idle");
  EXPECT_EQ(test::key_for_header_name("memory.total"), "memory.total");
  EXPECT_EQ(test::key_for_header_name("vbios_version"), "vbios_version");
}

}  // namespace
}  // namespace smistat::render
