#include <gtest/gtest.h>
#include <stdlib.h>

#include <cctype>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "tests/config/case_name.hpp"
#include "tests/config/load.hpp"
#include "tests/config/temp_dir.hpp"

namespace smistat {
namespace {

using namespace std::chrono_literals;
using test::load;
using test::load_cfg;

/** One option set to a non-default value, and how to recognise it in the result. */
struct option_case {
  const char* name;  ///< long option name
  std::string text;
  std::function<bool(const config&)> holds;
};

void PrintTo(const option_case& row, std::ostream* out) { *out << row.name; }

const std::vector<option_case> option_cases = {
    {"host", "127.0.0.1", [](const config& c) { return c.host == "127.0.0.1"; }},
    {"port", "18000", [](const config& c) { return c.port == 18000; }},
    {"threads", "4", [](const config& c) { return c.threads == 4; }},
    {"refresh-interval", "0.5", [](const config& c) { return c.refresh_interval == 0.5; }},
    {"collect-mode", "on-demand",
     [](const config& c) { return c.mode == collect_mode::on_demand; }},
    {"processes-interval", "2.5", [](const config& c) { return c.processes_interval == 2.5; }},
    {"details-interval", "0", [](const config& c) { return c.details_interval == 0.0; }},
    {"host-interval", "0.5", [](const config& c) { return c.host_interval == 0.5; }},
    {"collect-timeout", "2.5", [](const config& c) { return c.collect_timeout == 2500ms; }},
    {"nvidia-smi", "/opt/bin/nvidia-smi",
     [](const config& c) { return c.nvidia_smi == "/opt/bin/nvidia-smi"; }},
    {"replay", "auto", [](const config& c) { return c.replay_dir == "auto"; }},
    {"log-level", "DEBUG", [](const config& c) { return c.log_level == "debug"; }},
    {"log.level", "warn", [](const config& c) { return c.log_level == "warning"; }},
    {"log.format", "json", [](const config& c) { return c.log_format == "json"; }},
    {"web.config.file", "/etc/smistat/web.yml",
     [](const config& c) { return c.web_config_file == "/etc/smistat/web.yml"; }},
    {"access-log", "false", [](const config& c) { return !c.access_log; }},
    {"enable-cors", "off", [](const config& c) { return !c.enable_cors; }},
    {"api-prefix", "/v9", [](const config& c) { return c.api_prefix == "/v9"; }},
    {"apply-api-prefix", "yes", [](const config& c) { return c.apply_api_prefix; }},
    {"max-history", "7", [](const config& c) { return c.max_history == 7; }},
    {"read-timeout", "1", [](const config& c) { return c.read_timeout == 1000ms; }},
    {"write-timeout", "0.25", [](const config& c) { return c.write_timeout == 250ms; }},
    {"max-header-bytes", "8192", [](const config& c) { return c.max_header_bytes == 8192; }},
    {"max-body-bytes", "0", [](const config& c) { return c.max_body_bytes == 0; }},
    {"title", "Lab GPUs", [](const config& c) { return c.title == "Lab GPUs"; }},
    {"description", "two boxes", [](const config& c) { return c.description == "two boxes"; }},
    {"api-version", "2.5.0", [](const config& c) { return c.version == "2.5.0"; }},
    {"docs-url", "/swagger", [](const config& c) { return c.docs_url == "/swagger"; }},
    {"redoc-url", "/rd", [](const config& c) { return c.redoc_url == "/rd"; }},
    {"reload", "0", [](const config& c) { return !c.reload; }},
    {"workers", "3", [](const config& c) { return c.workers == 3; }},
};

std::string smistat_name(std::string_view option) {
  std::string name = "SMISTAT_";
  for (const char c : option)
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

class each_option : public testing::TestWithParam<option_case> {
 protected:
  test::temp_dir dir_;
};

TEST_P(each_option, is_read_from_the_command_line) {
  const auto& c = GetParam();
  EXPECT_TRUE(c.holds(load_cfg({"--" + std::string(c.name), c.text})));
  EXPECT_TRUE(c.holds(load_cfg({"--" + std::string(c.name) + "=" + c.text})));
}

TEST_P(each_option, is_read_from_smistat_environment) {
  const auto& c = GetParam();
  EXPECT_TRUE(c.holds(load_cfg({}, {{smistat_name(c.name), c.text}})));
}

TEST_P(each_option, is_read_from_dotenv) {
  const auto& c = GetParam();
  const auto dotenv = dir_.write(".env", "export " + smistat_name(c.name) + "='" + c.text + "'\n");
  EXPECT_TRUE(c.holds(load_cfg({}, {}, dotenv.string())));
}

TEST_P(each_option, is_read_from_the_config_file) {
  const auto& c = GetParam();
  const auto file = dir_.write("smistat.conf", std::string(c.name) + " = " + c.text + "\n");
  EXPECT_TRUE(c.holds(load_cfg({"--config", file.string()})));
}

TEST_P(each_option, default_differs_from_the_case_value) {
  EXPECT_FALSE(GetParam().holds(config{}));  // otherwise the rows above prove nothing
}

INSTANTIATE_TEST_SUITE_P(table, each_option, testing::ValuesIn(option_cases),
                         [](const testing::TestParamInfo<option_case>& row) {
                           // log.level and log-level must not share a test name.
                           std::string name;
                           for (const char ch : std::string_view(row.param.name))
                             name += ch == '-' ? "_" : ch == '.' ? "_dot_" : std::string(1, ch);
                           return name;
                         });

/** The gpu-worker-pool names (docs/contracts/gpu_statistics.md), read from the plain environment.
 */
struct plain_case {
  const char* name;
  std::string text;
  std::function<bool(const config&)> holds;
};

void PrintTo(const plain_case& row, std::ostream* out) { *out << row.name; }

const std::vector<plain_case> plain_cases = {
    {"HOST", "127.0.0.1", [](const config& c) { return c.host == "127.0.0.1"; }},
    {"PORT", "18000", [](const config& c) { return c.port == 18000; }},
    {"REFRESH_INTERVAL", "2.5", [](const config& c) { return c.refresh_interval == 2.5; }},
    {"LOG_LEVEL", "warn", [](const config& c) { return c.log_level == "warning"; }},
    {"ACCESS_LOG", "FALSE", [](const config& c) { return !c.access_log; }},
    {"RELOAD", "nope", [](const config& c) { return !c.reload; }},
    {"WORKERS", "4", [](const config& c) { return c.workers == 4; }},
    {"TITLE", "T", [](const config& c) { return c.title == "T"; }},
    {"DESCRIPTION", "D", [](const config& c) { return c.description == "D"; }},
    {"VERSION", "2.5.0", [](const config& c) { return c.version == "2.5.0"; }},
    {"DOCS_URL", "/d", [](const config& c) { return c.docs_url == "/d"; }},
    {"REDOC_URL", "/r", [](const config& c) { return c.redoc_url == "/r"; }},
    {"ENABLE_CORS", "0", [](const config& c) { return !c.enable_cors; }},
    {"API_PREFIX", "/v9", [](const config& c) { return c.api_prefix == "/v9"; }},
    {"MAX_HISTORY", "10", [](const config& c) { return c.max_history == 10; }},
};

class each_plain_name : public testing::TestWithParam<plain_case> {};

TEST_P(each_plain_name, is_read_from_the_environment) {
  EXPECT_TRUE(GetParam().holds(load_cfg({}, {{GetParam().name, GetParam().text}})));
}

TEST_P(each_plain_name, is_read_from_dotenv) {
  test::temp_dir dir;
  const auto dotenv = dir.write(".env", std::string(GetParam().name) + "=" + GetParam().text);
  EXPECT_TRUE(GetParam().holds(load_cfg({}, {}, dotenv.string())));
}

INSTANTIATE_TEST_SUITE_P(table, each_plain_name, testing::ValuesIn(plain_cases),
                         test::case_name<plain_case>);

struct bool_case {
  const char* name;
  std::string text;
  bool expected;
};

void PrintTo(const bool_case& row, std::ostream* out) { *out << row.name; }

// gpu_server.py: `value.lower() in ('true','1','yes','on')`, so anything else is false.
const std::vector<bool_case> python_bools = {
    {"true", "true", true}, {"upper", "TRUE", true},
    {"one", "1", true},     {"yes", "Yes", true},
    {"on", "on", true},     {"false", "false", false},
    {"zero", "0", false},   {"typo", "ture", false},
    {"empty", "", false},   {"blank_padded", " true", false},
};

class python_bool : public testing::TestWithParam<bool_case> {};

TEST_P(python_bool, applies_to_contract_names) {
  EXPECT_EQ(load_cfg({}, {{"ENABLE_CORS", GetParam().text}}).enable_cors, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(table, python_bool, testing::ValuesIn(python_bools),
                         test::case_name<bool_case>);

TEST(config_sources, nothing_set_gives_the_defaults) {
  const loaded_config loaded = load({});
  EXPECT_EQ(loaded.action, config_action::serve);
  EXPECT_EQ(loaded.cfg, config{});
  EXPECT_TRUE(loaded.config_file.empty());
  EXPECT_TRUE(loaded.warnings.empty());
}

TEST(config_sources, flags_take_no_value_on_the_command_line) {
  EXPECT_TRUE(load_cfg({"--apply-api-prefix"}).apply_api_prefix);
  EXPECT_FALSE(load_cfg({"--reload=false"}).reload);
  EXPECT_FALSE(load_cfg({"--reload", "false"}).reload);  // a following word is its value
  EXPECT_TRUE(load_cfg({"--reload", "--port", "1"}).reload);
  EXPECT_FALSE(load_cfg({"--no-access-log"}).access_log);
  EXPECT_TRUE(load_cfg({"--access-log"}, {{"ACCESS_LOG", "false"}}).access_log);
}

TEST(config_sources, serve_word_is_accepted_first) {
  EXPECT_EQ(load_cfg({"serve", "--port", "1234"}).port, 1234);
  EXPECT_EQ(load({"serve"}).action, config_action::serve);
}

TEST(config_sources, short_timeouts_round_up_to_a_millisecond) {
  EXPECT_EQ(load_cfg({"--collect-timeout", "0.0001"}).collect_timeout, 1ms);
}

TEST(config_sources, numbers_accept_blanks_and_plus_like_python) {
  EXPECT_EQ(load_cfg({}, {{"PORT", " +8080 "}}).port, 8080);
  EXPECT_EQ(load_cfg({}, {{"REFRESH_INTERVAL", "+2"}}).refresh_interval, 2.0);
}

TEST(config_sources, zero_refresh_interval_is_allowed_on_demand) {
  const config c = load_cfg({"--collect-mode", "on-demand", "--refresh-interval", "0"});
  EXPECT_EQ(c.refresh_interval, 0.0);
  EXPECT_EQ(c.mode, collect_mode::on_demand);
}

TEST(config_sources, config_file_path_comes_from_environment_or_dotenv) {
  test::temp_dir dir;
  const auto file = dir.write("a.conf", "port = 1111\n");
  EXPECT_EQ(load_cfg({}, {{"SMISTAT_CONFIG", file.string()}}).port, 1111);
  const auto dotenv = dir.write(".env", "SMISTAT_CONFIG=" + file.string());
  const loaded_config loaded = load({}, {}, dotenv.string());
  EXPECT_EQ(loaded.cfg.port, 1111);
  EXPECT_EQ(loaded.config_file, file.string());
}

TEST(config_sources, config_file_allows_comments_and_blank_lines) {
  test::temp_dir dir;
  const auto file = dir.write("a.conf", "# a comment\n\nport = 1111  # trailing\nhost=::1\n");
  const config c = load_cfg({"--config", file.string()});
  EXPECT_EQ(c.port, 1111);
  EXPECT_EQ(c.host, "::1");
}

TEST(config_sources, cuda_visible_devices_is_taken_raw) {
  test::temp_dir dir;
  EXPECT_EQ(load_cfg({}).cuda_visible_devices, std::nullopt);
  EXPECT_EQ(load_cfg({}, {{"CUDA_VISIBLE_DEVICES", ""}}).cuda_visible_devices, "");
  EXPECT_EQ(load_cfg({}, {{"CUDA_VISIBLE_DEVICES", "2, 0 ,0"}}).cuda_visible_devices, "2, 0 ,0");
  const auto dotenv = dir.write(".env", "CUDA_VISIBLE_DEVICES=\"1,3\"\n");
  EXPECT_EQ(load_cfg({}, {}, dotenv.string()).cuda_visible_devices, "1,3");
}

TEST(config_sources, dotenv_bad_lines_become_warnings) {
  test::temp_dir dir;
  const auto dotenv = dir.write(".env", "PORT=1234\n=oops\n");
  const loaded_config loaded = load({}, {}, dotenv.string());
  EXPECT_EQ(loaded.cfg.port, 1234);
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_EQ(loaded.warnings[0], "ignoring line 2 of " + dotenv.string() + ": expected KEY=value");
}

TEST(config_sources, missing_or_directory_dotenv_is_ignored) {
  test::temp_dir dir;
  EXPECT_EQ(load_cfg({}, {}, (dir.path() / "absent").string()), config{});
  EXPECT_EQ(load_cfg({}, {}, dir.path().string()), config{});
}

TEST(config_sources, process_environment_reads_environ) {
  ASSERT_EQ(::setenv("SMISTAT_CONFIG_TEST_PROBE", "a=b", 1), 0);
  const auto environment = process_environment();
  ::unsetenv("SMISTAT_CONFIG_TEST_PROBE");
  const auto it = environment.find("SMISTAT_CONFIG_TEST_PROBE");
  ASSERT_NE(it, environment.end());
  EXPECT_EQ(it->second, "a=b");  // only the first '=' separates name and value
}

}  // namespace
}  // namespace smistat
