// Every recorded machine rendered through contract 002, compared with
// tests/contracts/fleet_manager/golden/<machine>/api-v1-gpu-metrics.json
// (SMISTAT_UPDATE_GOLDEN=1 rewrites them).
#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include "src/contracts/fleet_manager/fleet_manager.hpp"
#include "tests/contracts/every_machine.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

TEST(fleet_manager_golden, every_machine_matches_its_goldens) {
  const auto now = test::sample_time();
  test::for_every_machine(SMISTAT_GOLDEN_DIR, &test::machine_snapshot_001,
                          [now](const collect::snapshot& s, const std::filesystem::path& golden) {
                            EXPECT_TRUE(test::matches_golden(golden / "api-v1-gpu-metrics.json",
                                                             render_fleet_gpu_metrics(s, now)));
                          });
}

}  // namespace
}  // namespace smistat::render
