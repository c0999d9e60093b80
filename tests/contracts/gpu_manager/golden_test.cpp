// Every recorded machine rendered through contract 003, compared with
// tests/contracts/gpu_manager/golden/<machine>/<route>.json (SMISTAT_UPDATE_GOLDEN=1 rewrites
// them).
#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include "src/contracts/gpu_manager/gpu_manager.hpp"
#include "tests/contracts/every_machine.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

TEST(gpu_manager_golden, every_machine_matches_its_goldens) {
  const auto now = test::sample_time();
  test::for_every_machine(SMISTAT_GOLDEN_DIR, &test::snapshot_from_machine,
                          [now](const collect::snapshot& s, const std::filesystem::path& golden) {
                            EXPECT_TRUE(test::matches_golden(golden / "api-v1-gpu-devices.json",
                                                             render_gpu_devices(s, now).body));
                            EXPECT_TRUE(test::matches_golden(golden / "api-v1-gpu-driver.json",
                                                             render_gpu_driver(s, now).body));
                          });
}

}  // namespace
}  // namespace smistat::render
