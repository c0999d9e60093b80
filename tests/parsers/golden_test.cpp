#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include "tests/parsers/parsed_json.hpp"

namespace smistat::test {
namespace {

// Adding a machine folder adds a golden: run once with SMISTAT_UPDATE_GOLDEN=1 and review it.
TEST(golden, every_machine_folder_matches_parsed_json) {
  const auto dirs = machine_dirs();
  ASSERT_FALSE(dirs.empty());
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    EXPECT_TRUE(matches_golden(dir / "parsed.json", render_machine(dir)));
  }
}

TEST(golden, rendering_is_deterministic) {
  const auto dir = fixtures_dir() / "h100-80gb-hbm3-mig__590.48.01";
  EXPECT_EQ(render_machine(dir), render_machine(dir));
}

}  // namespace
}  // namespace smistat::test
