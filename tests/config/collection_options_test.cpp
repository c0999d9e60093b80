#include <gtest/gtest.h>

#include <string>

#include "src/config/config.hpp"
#include "tests/config/load.hpp"
#include "tests/config/temp_dir.hpp"

namespace smistat {
namespace {

using test::load_cfg;

// ---- --collect-mode loop ------------------------------------------------------------------------

TEST(collect_mode, loop_is_read_from_every_source) {
  test::temp_dir dir;
  EXPECT_EQ(load_cfg({"--collect-mode", "loop"}).mode, collect_mode::loop);
  EXPECT_EQ(load_cfg({"--collect-mode=loop"}).mode, collect_mode::loop);
  EXPECT_EQ(load_cfg({}, {{"SMISTAT_COLLECT_MODE", "loop"}}).mode, collect_mode::loop);
  const auto dotenv = dir.write(".env", "SMISTAT_COLLECT_MODE=loop\n");
  EXPECT_EQ(load_cfg({}, {}, dotenv.string()).mode, collect_mode::loop);
  const auto file = dir.write("smistat.conf", "collect-mode = loop\n");
  EXPECT_EQ(load_cfg({"--config", file.string()}).mode, collect_mode::loop);
}

TEST(collect_mode, command_line_loop_beats_environment) {
  EXPECT_EQ(load_cfg({"--collect-mode", "loop"}, {{"SMISTAT_COLLECT_MODE", "on-demand"}}).mode,
            collect_mode::loop);
  EXPECT_EQ(load_cfg({"--collect-mode", "interval"}, {{"SMISTAT_COLLECT_MODE", "loop"}}).mode,
            collect_mode::interval);
}

TEST(collect_mode, loop_keeps_a_positive_refresh_interval) {
  const config c = load_cfg({"--collect-mode", "loop", "--refresh-interval", "0.2"});
  EXPECT_EQ(c.mode, collect_mode::loop);
  EXPECT_EQ(c.refresh_interval, 0.2);
}

TEST(collect_mode, help_names_every_mode) {
  const std::string help = help_text();
  for (const char* mode : {"interval:", "on-demand:", "loop:"})
    EXPECT_NE(help.find(mode), std::string::npos) << mode;
}

}  // namespace
}  // namespace smistat
