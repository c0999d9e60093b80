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

/** A bad start and the exact one-line message it must produce. `{conf}`, `{dotenv}` and `{dir}`
 *  stand for the scratch config file, .env and directory. */
struct error_case {
  const char* name;
  std::vector<std::string> args;
  test::env_map environment;
  std::string dotenv;       ///< .env text; none when empty
  std::string config_file;  ///< written to {conf}; use `--config {conf}` to read it
  std::string message;
};

void PrintTo(const error_case& row, std::ostream* out) { *out << row.name; }

constexpr const char* port_rule = "expected an integer from 0 to 65535";
constexpr const char* refresh_rule =
    "expected a number of seconds greater than 0 and at most 86400 (0 only with --collect-mode "
    "on-demand)";
constexpr const char* timeout_rule =
    "expected a number of seconds greater than 0 and at most 86400";
constexpr const char* processes_rule =
    "expected a number of seconds greater than 0 and at most 86400, or empty for the refresh "
    "interval";
constexpr const char* details_rule =
    "expected a number of seconds from 0 (never) to 86400, or empty for the default";
constexpr const char* bool_rule = "expected true or false (also 1/0, yes/no, on/off)";

std::string bad(const std::string& value, const std::string& option, const std::string& source,
                const std::string& rule) {
  return "invalid value \"" + value + "\" for --" + option + " (" + source + "): " + rule;
}

const std::vector<error_case> error_cases = {
    {"docs_assets_dir_missing",
     {"--docs.assets-dir", "{dir}/missing"},
     {},
     "",
     "",
     bad("{dir}/missing", "docs.assets-dir", "from the command line",
         "expected a readable directory")},
    {"docs_assets_dir_is_a_file",
     {"--docs.assets-dir", "{conf}"},
     {},
     "",
     "port = 1\n",
     bad("{conf}", "docs.assets-dir", "from the command line", "expected a readable directory")},
    {"port_too_big_on_command_line",
     {"--port", "70000"},
     {},
     "",
     "",
     bad("70000", "port", "from the command line", port_rule)},
    {"port_too_big_in_plain_env",
     {},
     {{"PORT", "70000"}},
     "",
     "",
     bad("70000", "port", "from PORT", port_rule)},
    {"port_not_a_number",
     {},
     {{"SMISTAT_PORT", "abc"}},
     "",
     "",
     bad("abc", "port", "from SMISTAT_PORT", port_rule)},
    {"port_negative",
     {"--port=-1"},
     {},
     "",
     "",
     bad("-1", "port", "from the command line", port_rule)},
    {"port_fraction", {}, {{"PORT", "80.5"}}, "", "", bad("80.5", "port", "from PORT", port_rule)},
    {"port_empty", {}, {{"PORT", ""}}, "", "", bad("", "port", "from PORT", port_rule)},
    {"port_in_dotenv",
     {},
     {},
     "PORT=99999\n",
     "",
     bad("99999", "port", "from PORT in {dotenv}", port_rule)},
    {"port_in_config_file",
     {"--config", "{conf}"},
     {},
     "",
     "port = abc\n",
     bad("abc", "port", "from {conf}", port_rule)},
    {"interval_negative",
     {},
     {{"SMISTAT_REFRESH_INTERVAL", "-1"}},
     "",
     "",
     bad("-1", "refresh-interval", "from SMISTAT_REFRESH_INTERVAL", refresh_rule)},
    {"interval_zero_on_timer",
     {},
     {{"REFRESH_INTERVAL", "0"}},
     "",
     "",
     bad("0", "refresh-interval", "from REFRESH_INTERVAL", refresh_rule)},
    {"interval_nan",
     {"--refresh-interval", "nan"},
     {},
     "",
     "",
     bad("nan", "refresh-interval", "from the command line", refresh_rule)},
    {"interval_inf",
     {"--refresh-interval", "inf"},
     {},
     "",
     "",
     bad("inf", "refresh-interval", "from the command line", refresh_rule)},
    {"interval_too_long",
     {"--refresh-interval", "1e6"},
     {},
     "",
     "",
     bad("1e6", "refresh-interval", "from the command line", refresh_rule)},
    {"processes_interval_negative",
     {"--processes-interval", "-1"},
     {},
     "",
     "",
     bad("-1", "processes-interval", "from the command line", processes_rule)},
    {"processes_interval_zero",
     {},
     {{"SMISTAT_PROCESSES_INTERVAL", "0"}},
     "",
     "",
     bad("0", "processes-interval", "from SMISTAT_PROCESSES_INTERVAL", processes_rule)},
    {"processes_interval_not_a_number",
     {},
     {},
     "SMISTAT_PROCESSES_INTERVAL=often\n",
     "",
     bad("often", "processes-interval", "from SMISTAT_PROCESSES_INTERVAL in {dotenv}",
         processes_rule)},
    {"processes_interval_with_unit",
     {"--config", "{conf}"},
     {},
     "",
     "processes-interval = 5s\n",
     bad("5s", "processes-interval", "from {conf}", processes_rule)},
    {"processes_interval_too_long",
     {"--processes-interval=1e6"},
     {},
     "",
     "",
     bad("1e6", "processes-interval", "from the command line", processes_rule)},
    {"details_interval_negative",
     {},
     {{"SMISTAT_DETAILS_INTERVAL", "-5"}},
     "",
     "",
     bad("-5", "details-interval", "from SMISTAT_DETAILS_INTERVAL", details_rule)},
    {"details_interval_not_a_number",
     {"--details-interval", "never"},
     {},
     "",
     "",
     bad("never", "details-interval", "from the command line", details_rule)},
    {"details_interval_nan",
     {},
     {},
     "SMISTAT_DETAILS_INTERVAL=nan\n",
     "",
     bad("nan", "details-interval", "from SMISTAT_DETAILS_INTERVAL in {dotenv}", details_rule)},
    {"details_interval_too_long",
     {"--config", "{conf}"},
     {},
     "",
     "details-interval = 90000\n",
     bad("90000", "details-interval", "from {conf}", details_rule)},
    {"details_interval_missing_value",
     {"--details-interval"},
     {},
     "",
     "",
     "missing value for --details-interval (from the command line): expected --details-interval "
     "VALUE or --details-interval=VALUE"},
    {"collect_timeout_zero",
     {"--collect-timeout", "0"},
     {},
     "",
     "",
     bad("0", "collect-timeout", "from the command line", timeout_rule)},
    {"read_timeout_words",
     {},
     {{"SMISTAT_READ_TIMEOUT", "10s"}},
     "",
     "",
     bad("10s", "read-timeout", "from SMISTAT_READ_TIMEOUT", timeout_rule)},
    {"collect_mode_unknown",
     {"--collect-mode", "bogus"},
     {},
     "",
     "",
     bad("bogus", "collect-mode", "from the command line", "expected interval, on-demand or loop")},
    {"collect_mode_is_case_sensitive",
     {},
     {{"SMISTAT_COLLECT_MODE", "Loop"}},
     "",
     "",
     bad("Loop", "collect-mode", "from SMISTAT_COLLECT_MODE",
         "expected interval, on-demand or loop")},
    {"interval_zero_in_loop_mode",
     {"--collect-mode", "loop", "--refresh-interval", "0"},
     {},
     "",
     "",
     bad("0", "refresh-interval", "from the command line", refresh_rule)},
    {"log_level_unknown",
     {},
     {{"LOG_LEVEL", "verbose"}},
     "",
     "",
     bad("verbose", "log-level", "from LOG_LEVEL",
         "expected trace, debug, info, warning, error, critical or off")},
    {"strict_bool_from_smistat_env",
     {},
     {{"SMISTAT_ENABLE_CORS", "maybe"}},
     "",
     "",
     bad("maybe", "enable-cors", "from SMISTAT_ENABLE_CORS", bool_rule)},
    {"strict_bool_from_command_line",
     {"--reload=sure"},
     {},
     "",
     "",
     bad("sure", "reload", "from the command line", bool_rule)},
    {"threads_too_many",
     {"--threads", "5000"},
     {},
     "",
     "",
     bad("5000", "threads", "from the command line", "expected an integer from 0 to 1024")},
    {"header_limit_too_small",
     {"--max-header-bytes", "10"},
     {},
     "",
     "",
     bad("10", "max-header-bytes", "from the command line",
         "expected an integer from 1024 to 1048576")},
    {"empty_host",
     {"--host", ""},
     {},
     "",
     "",
     bad("", "host", "from the command line", "expected a non-empty value")},
    {"empty_after_equals",
     {"--host="},
     {},
     "",
     "",
     "missing value for --host (from the command line): expected --host VALUE or --host=VALUE"},
    {"empty_nvidia_smi",
     {},
     {{"SMISTAT_NVIDIA_SMI", " "}},
     "",
     "",
     bad(" ", "nvidia-smi", "from SMISTAT_NVIDIA_SMI", "expected a non-empty value")},
    {"applied_prefix_without_slash",
     {"--api-prefix", "v1", "--apply-api-prefix"},
     {},
     "",
     "",
     bad("v1", "api-prefix", "from the command line",
         "expected a path like /v1 (a leading /, no trailing /) with --apply-api-prefix")},
    {"auth_probes_without_auth_all",
     {"--auth-probes"},
     {},
     "",
     "",
     bad("true", "auth-probes", "from the command line",
         "expected only with --auth-all (it extends that to the probes)")},
    {"multi_line_value_stays_one_line",
     {},
     {},
     "PORT=\"1\n2\"\n",
     "",
     bad("1\\n2", "port", "from PORT in {dotenv}", port_rule)},
    {"unknown_option",
     {"--prot", "80"},
     {},
     "",
     "",
     "unknown option \"--prot\" (from the command line): expected an option from smistat --help"},
    {"missing_value",
     {"--port"},
     {},
     "",
     "",
     "missing value for --port (from the command line): expected --port VALUE or --port=VALUE"},
    {"switch_given_a_value",
     {"--no-access-log=1"},
     {},
     "",
     "",
     "invalid command line (from the command line): option '--no-access-log' does not take any "
     "arguments"},
    {"unknown_short_option",
     {"-x"},
     {},
     "",
     "",
     "unknown option \"-x\" (from the command line): expected an option from smistat --help"},
    {"option_twice",
     {"--port", "1", "--port", "2"},
     {},
     "",
     "",
     "option --port given more than once (from the command line): expected at most one value"},
    {"access_log_and_its_negation",
     {"--access-log", "--no-access-log"},
     {},
     "",
     "",
     "option --access-log given more than once (from the command line): expected at most one "
     "value"},
    {"stray_word",
     {"list"},
     {},
     "",
     "",
     "unexpected argument \"list\" (from the command line): expected options, optionally after "
     "the word serve"},
    {"serve_not_first",
     {"--port", "1", "serve"},
     {},
     "",
     "",
     "unexpected argument \"serve\" (from the command line): expected options, optionally after "
     "the word serve"},
    {"flag_with_bad_next_word",
     {"--reload", "sure"},
     {},
     "",
     "",
     bad("sure", "reload", "from the command line", bool_rule)},
    {"bool_option_needs_a_value",
     {"--enable-cors"},
     {},
     "",
     "",
     "missing value for --enable-cors (from the command line): expected --enable-cors VALUE or "
     "--enable-cors=VALUE"},
    {"config_file_missing",
     {"--config", "{dir}/absent.conf"},
     {},
     "",
     "",
     bad("{dir}/absent.conf", "config", "from the command line",
         "expected a readable INI file (no such file)")},
    {"config_file_is_a_directory",
     {},
     {{"SMISTAT_CONFIG", "{dir}"}},
     "",
     "",
     bad("{dir}", "config", "from SMISTAT_CONFIG",
         "expected a readable INI file (not a regular file)")},
    {"config_file_malformed_line",
     {"--config", "{conf}"},
     {},
     "",
     "# ok\nport 8000\n",
     "malformed line \"port 8000\" (from {conf}): expected name = value, a [section] or a # "
     "comment"},
    {"config_file_unknown_key",
     {"--config", "{conf}"},
     {},
     "",
     "prot = 80\n",
     "unknown option \"prot\" (from {conf}): expected a long option name from smistat --help, "
     "like port = 8000"},
    {"config_file_section_makes_unknown_key",
     {"--config", "{conf}"},
     {},
     "",
     "[server]\nport = 1\n",
     "unknown option \"server.port\" (from {conf}): expected a long option name from smistat "
     "--help, like port = 8000"},
    {"config_file_key_twice",
     {"--config", "{conf}"},
     {},
     "",
     "port = 1\nport = 2\n",
     "option --port given more than once (from {conf}): expected at most one value"},
    {"config_file_cannot_name_command_line_only",
     {"--config", "{conf}"},
     {},
     "",
     "help = 1\n",
     "unknown option \"help\" (from {conf}): expected a long option name from smistat --help, "
     "like port = 8000"},
};

std::string fill(std::string text, const test::temp_dir& dir) {
  const std::pair<std::string, std::string> keys[] = {{"{conf}", (dir.path() / "c.conf").string()},
                                                      {"{dotenv}", (dir.path() / ".env").string()},
                                                      {"{dir}", dir.path().string()}};
  for (const auto& [key, value] : keys)
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

class config_errors : public testing::TestWithParam<error_case> {};

TEST_P(config_errors, throw_one_exact_line) {
  const error_case& c = GetParam();
  test::temp_dir dir;
  if (!c.config_file.empty()) dir.write("c.conf", c.config_file);
  if (!c.dotenv.empty()) dir.write(".env", c.dotenv);
  std::vector<std::string> args;
  for (const auto& a : c.args) args.push_back(fill(a, dir));
  test::env_map environment;
  for (const auto& [k, v] : c.environment) environment[k] = fill(v, dir);
  try {
    test::load(args, environment, (dir.path() / ".env").string());
    ADD_FAILURE() << "no config_error";
  } catch (const config_error& e) {
    EXPECT_EQ(std::string(e.what()), fill(c.message, dir));
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(table, config_errors, testing::ValuesIn(error_cases),
                         test::case_name<error_case>);

TEST(config_errors, unreadable_dotenv_is_refused) {
  // /proc/self/mem is a regular file whose first page is never mapped, so read(2) fails even
  // for root, for whom a chmod 000 file would still be readable.
  try {
    test::load({}, {}, "/proc/self/mem");
    ADD_FAILURE() << "no config_error";
  } catch (const config_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(
                  "cannot read \"/proc/self/mem\" (the .env file): expected a readable file or "
                  "none (",
                  0),
              0u)
        << e.what();
  }
}

TEST(config_errors, unreadable_config_file_is_refused) {
  try {
    test::load({"--config", "/proc/self/mem"});
    ADD_FAILURE() << "no config_error";
  } catch (const config_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(
                  "invalid value \"/proc/self/mem\" for --config (from the command line): "
                  "expected a readable INI file (",
                  0),
              0u)
        << e.what();
  }
}

}  // namespace
}  // namespace smistat
