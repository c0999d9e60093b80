// The renderer tests' fixture: nvidia-smi's header names (canonical even for an alias) map to
// the keys renderers read cells by.
#include "tests/contracts/render_fixture.hpp"

#include <gtest/gtest.h>

namespace smistat::render {
namespace {

TEST(render_fixture, header_names_map_to_smistat_keys) {
  EXPECT_EQ(test::key_for_header_name("clocks_throttle_reasons.active"),
            "clocks_event_reasons.active");
  EXPECT_EQ(test::key_for_header_name("clocks_throttle_reasons.gpu_idle"),
            "clocks_event_reasons.gpu_idle");
  EXPECT_EQ(test::key_for_header_name("memory.total"), "memory.total");
  EXPECT_EQ(test::key_for_header_name("vbios_version"), "vbios_version");
}

}  // namespace
}  // namespace smistat::render
