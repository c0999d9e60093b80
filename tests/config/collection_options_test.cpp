#include <gtest/gtest.h>

#include <optional>
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

// ---- --processes-interval and --details-interval ------------------------------------------------

TEST(cadence_options, unset_by_default) {
  const config c = load_cfg({});
  EXPECT_EQ(c.processes_interval, std::nullopt);
  EXPECT_EQ(c.details_interval, std::nullopt);
}

TEST(cadence_options, read_from_every_source) {
  test::temp_dir dir;
  EXPECT_EQ(load_cfg({"--processes-interval", "3"}).processes_interval, 3.0);
  EXPECT_EQ(load_cfg({"--details-interval=30"}).details_interval, 30.0);
  const config env =
      load_cfg({}, {{"SMISTAT_PROCESSES_INTERVAL", "0.5"}, {"SMISTAT_DETAILS_INTERVAL", "+60 "}});
  EXPECT_EQ(env.processes_interval, 0.5);
  EXPECT_EQ(env.details_interval, 60.0);
  const auto dotenv =
      dir.write(".env", "SMISTAT_PROCESSES_INTERVAL=4\nexport SMISTAT_DETAILS_INTERVAL='40'\n");
  const config from_dotenv = load_cfg({}, {}, dotenv.string());
  EXPECT_EQ(from_dotenv.processes_interval, 4.0);
  EXPECT_EQ(from_dotenv.details_interval, 40.0);
  const auto file = dir.write("smistat.conf", "processes-interval = 6\ndetails-interval = 0\n");
  const config from_file = load_cfg({"--config", file.string()});
  EXPECT_EQ(from_file.processes_interval, 6.0);
  EXPECT_EQ(from_file.details_interval, 0.0);
}

TEST(cadence_options, zero_details_interval_means_never) {
  const config c = load_cfg({"--details-interval", "0"});
  ASSERT_TRUE(c.details_interval.has_value());
  EXPECT_EQ(*c.details_interval, 0.0);
  EXPECT_EQ(effective_details_interval(c), 0.0);
}

TEST(cadence_options, have_no_contract_names) {
  // The gpu-worker-pool contracts know no such variables, so the plain names set nothing.
  const config c = load_cfg({}, {{"PROCESSES_INTERVAL", "3"}, {"DETAILS_INTERVAL", "30"}});
  EXPECT_EQ(c.processes_interval, std::nullopt);
  EXPECT_EQ(c.details_interval, std::nullopt);
}

TEST(cadence_options, empty_value_means_unset) {
  // How etc/smistat.conf shows them, and a way to undo a lower source's value.
  test::temp_dir dir;
  const auto file = dir.write("smistat.conf", "processes-interval = 6\ndetails-interval = 60\n");
  const config c = load_cfg({"--config", file.string(), "--processes-interval", ""},
                            {{"SMISTAT_DETAILS_INTERVAL", " "}});
  EXPECT_EQ(c.processes_interval, std::nullopt);
  EXPECT_EQ(c.details_interval, std::nullopt);
}

/** Which sources set --processes-interval and --details-interval, each to its own value. */
struct cadence_layers {
  const char* name;
  bool command_line;  ///< 1 and 10
  bool smistat_env;   ///< 2 and 20
  bool dotenv;        ///< 4 and 40
  bool config_file;   ///< 5 and 50
  std::optional<double> expected_processes;
  std::optional<double> expected_details;
};

void PrintTo(const cadence_layers& row, std::ostream* out) { *out << row.name; }

const std::vector<cadence_layers> cadence_cases = {
    {"command_line_beats_all", true, true, true, true, 1, 10},
    {"smistat_env_beats_dotenv", false, true, true, true, 2, 20},
    {"dotenv_beats_config_file", false, false, true, true, 4, 40},
    {"config_file_beats_default", false, false, false, true, 5, 50},
    {"default_last", false, false, false, false, std::nullopt, std::nullopt},
};

class cadence_precedence : public testing::TestWithParam<cadence_layers> {};

TEST_P(cadence_precedence, picks_the_highest_source) {
  const cadence_layers& l = GetParam();
  test::temp_dir dir;
  std::vector<std::string> args;
  test::env_map environment;
  std::string dotenv_text;
  if (l.command_line) args = {"--processes-interval", "1", "--details-interval", "10"};
  if (l.smistat_env)
    environment = {{"SMISTAT_PROCESSES_INTERVAL", "2"}, {"SMISTAT_DETAILS_INTERVAL", "20"}};
  if (l.dotenv) dotenv_text = "SMISTAT_PROCESSES_INTERVAL=4\nSMISTAT_DETAILS_INTERVAL=40\n";
  if (l.config_file) {
    const auto file = dir.write("smistat.conf", "processes-interval = 5\ndetails-interval = 50\n");
    dotenv_text += "SMISTAT_CONFIG=" + file.string() + "\n";
  }
  const auto dotenv = dir.write(".env", dotenv_text);
  const config c = load_cfg(args, environment, dotenv.string());
  EXPECT_EQ(c.processes_interval, l.expected_processes);
  EXPECT_EQ(c.details_interval, l.expected_details);
}

INSTANTIATE_TEST_SUITE_P(table, cadence_precedence, testing::ValuesIn(cadence_cases),
                         test::case_name<cadence_layers>);

TEST(cadence_options, bad_value_below_the_winner_is_not_validated) {
  EXPECT_EQ(
      load_cfg({"--details-interval", "30"}, {{"SMISTAT_DETAILS_INTERVAL", "-1"}}).details_interval,
      30.0);
}

TEST(cadence_options, processes_default_to_the_refresh_interval) {
  EXPECT_EQ(effective_processes_interval(load_cfg({})), 1.0);
  EXPECT_EQ(effective_processes_interval(load_cfg({"--refresh-interval", "0.25"})), 0.25);
  EXPECT_EQ(effective_processes_interval(
                load_cfg({"--collect-mode", "on-demand", "--refresh-interval", "0"})),
            0.0);
  EXPECT_EQ(effective_processes_interval(load_cfg({"--processes-interval", "7"})), 7.0);
}

TEST(cadence_options, details_default_to_ten_refreshes_but_at_least_five_seconds) {
  EXPECT_EQ(effective_details_interval(load_cfg({})), 10.0);
  EXPECT_EQ(effective_details_interval(load_cfg({"--refresh-interval", "0.1"})), 5.0);
  EXPECT_EQ(effective_details_interval(load_cfg({"--refresh-interval", "3"})), 30.0);
  EXPECT_EQ(effective_details_interval(
                load_cfg({"--collect-mode", "on-demand", "--refresh-interval", "0"})),
            5.0);
  EXPECT_EQ(effective_details_interval(load_cfg({"--details-interval", "2"})), 2.0);
}

TEST(cadence_options, host_defaults_to_the_refresh_interval_but_at_least_one_second) {
  EXPECT_EQ(effective_host_interval(load_cfg({})), 1.0);
  EXPECT_EQ(effective_host_interval(load_cfg({"--refresh-interval", "0.1"})), 1.0);
  EXPECT_EQ(effective_host_interval(load_cfg({"--refresh-interval", "3"})), 3.0);
  EXPECT_EQ(effective_host_interval(load_cfg({"--host-interval", "0"})), 0.0);
  EXPECT_EQ(effective_host_interval(load_cfg({}, {{"SMISTAT_HOST_INTERVAL", "0.25"}})), 0.25);
  EXPECT_THROW(load_cfg({"--host-interval", "-1"}), config_error);
}

/** The help text with line wraps and column padding folded into single spaces. */
std::string unwrapped_help() {
  std::string out;
  for (const char c : help_text())
    if (c != ' ' && c != '\n')
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  return out;
}

TEST(cadence_options, help_explains_the_defaults) {
  const std::string help = unwrapped_help();
  for (const char* text : {"--processes-interval SECONDS", "(default: the refresh interval)",
                           "--details-interval SECONDS", "0 never runs it",
                           "(default: 10 x the refresh interval, at least 5)"})
    EXPECT_NE(help.find(text), std::string::npos) << text;
}

}  // namespace
}  // namespace smistat
