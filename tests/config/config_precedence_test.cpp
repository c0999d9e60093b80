#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "tests/config/case_name.hpp"
#include "tests/config/load.hpp"
#include "tests/config/temp_dir.hpp"

namespace smistat {
namespace {

using test::load_cfg;

/** Which of the five sources above the defaults set --port, each to its own value. */
struct layers {
  const char* name;
  bool command_line;  ///< --port 1
  bool smistat_env;   ///< SMISTAT_PORT=2
  bool plain_env;     ///< PORT=3
  bool dotenv;        ///< .env PORT=4
  bool config_file;   ///< port = 5
  std::uint16_t expected;
};

void PrintTo(const layers& row, std::ostream* out) { *out << row.name; }

const std::vector<layers> layer_cases = {
    {"command_line_beats_all", true, true, true, true, true, 1},
    {"smistat_env_beats_plain_env", false, true, true, true, true, 2},
    {"plain_env_beats_dotenv", false, false, true, true, true, 3},
    {"dotenv_beats_config_file", false, false, false, true, true, 4},
    {"config_file_beats_default", false, false, false, false, true, 5},
    {"default_last", false, false, false, false, false, 8000},
    {"command_line_over_config_file", true, false, false, false, true, 1},
    {"smistat_env_over_dotenv", false, true, false, true, false, 2},
};

class precedence : public testing::TestWithParam<layers> {};

TEST_P(precedence, picks_the_highest_source) {
  const layers& l = GetParam();
  test::temp_dir dir;
  std::vector<std::string> args;
  test::env_map environment;
  std::string dotenv_text;
  if (l.command_line) args = {"--port", "1"};
  if (l.smistat_env) environment["SMISTAT_PORT"] = "2";
  if (l.plain_env) environment["PORT"] = "3";
  if (l.dotenv) dotenv_text = "PORT=4\n";
  if (l.config_file) {
    const auto file = dir.write("smistat.conf", "port = 5\n");
    dotenv_text += "SMISTAT_CONFIG=" + file.string() + "\n";
  }
  const auto dotenv = dir.write(".env", dotenv_text);
  EXPECT_EQ(load_cfg(args, environment, dotenv.string()).port, l.expected);
}

INSTANTIATE_TEST_SUITE_P(table, precedence, testing::ValuesIn(layer_cases),
                         test::case_name<layers>);

TEST(config_precedence, dotenv_never_overrides_the_environment) {
  // Observed on the original: PORT=1 in the environment beat PORT=18050 in .env.
  test::temp_dir dir;
  const auto dotenv = dir.write(".env", "PORT=18050\nHOST=10.0.0.1\n");
  const config c = load_cfg({}, {{"PORT", "1"}}, dotenv.string());
  EXPECT_EQ(c.port, 1);
  EXPECT_EQ(c.host, "10.0.0.1");
}

TEST(config_precedence, smistat_name_beats_plain_name_inside_dotenv) {
  test::temp_dir dir;
  const auto dotenv = dir.write(".env", "SMISTAT_PORT=2\nPORT=4\n");
  EXPECT_EQ(load_cfg({}, {}, dotenv.string()).port, 2);
}

TEST(config_precedence, plain_environment_beats_smistat_name_in_dotenv) {
  test::temp_dir dir;
  const auto dotenv = dir.write(".env", "SMISTAT_PORT=2\n");
  EXPECT_EQ(load_cfg({}, {{"PORT", "3"}}, dotenv.string()).port, 3);
}

TEST(config_precedence, options_merge_across_sources) {
  test::temp_dir dir;
  const auto file = dir.write("smistat.conf", "host = ::1\ntitle = from file\nport = 5\n");
  const auto dotenv = dir.write(".env", "TITLE=from dotenv\n");
  const config c =
      load_cfg({"--config", file.string(), "--port", "1"}, {{"WORKERS", "2"}}, dotenv.string());
  EXPECT_EQ(c.host, "::1");
  EXPECT_EQ(c.title, "from dotenv");
  EXPECT_EQ(c.port, 1);
  EXPECT_EQ(c.workers, 2u);
}

TEST(config_precedence, overridden_values_are_not_validated) {
  // Only the value that wins is used, so a stale bad value below it cannot stop the start.
  EXPECT_EQ(load_cfg({"--port", "1"}, {{"PORT", "abc"}}).port, 1);
}

TEST(config_precedence, command_line_config_beats_environment_config) {
  test::temp_dir dir;
  const auto mine = dir.write("mine.conf", "port = 1\n");
  const auto other = dir.write("other.conf", "port = 2\n");
  EXPECT_EQ(load_cfg({"--config", mine.string()}, {{"SMISTAT_CONFIG", other.string()}}).port, 1);
}

TEST(config_precedence, cuda_visible_devices_from_environment_beats_dotenv) {
  test::temp_dir dir;
  const auto dotenv = dir.write(".env", "CUDA_VISIBLE_DEVICES=1\n");
  EXPECT_EQ(load_cfg({}, {{"CUDA_VISIBLE_DEVICES", "0"}}, dotenv.string()).cuda_visible_devices,
            "0");
}

TEST(config_precedence, dotenv_expands_from_environment_first) {
  // Observed on the original: MAX_HISTORY=${PORT}0 gave 10 with PORT=1 in the environment.
  test::temp_dir dir;
  const auto dotenv = dir.write(".env", "PORT=18050\nMAX_HISTORY=${PORT}0\n");
  const config c = load_cfg({}, {{"PORT", "1"}}, dotenv.string());
  EXPECT_EQ(c.max_history, 10u);
  EXPECT_EQ(c.port, 1);
}

}  // namespace
}  // namespace smistat
