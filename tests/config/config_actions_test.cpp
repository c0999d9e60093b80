#include <gtest/gtest.h>

#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "tests/config/load.hpp"

namespace smistat {
namespace {

using test::load;

TEST(config_actions, help_starts_with_usage_and_an_example) {
  const loaded_config loaded = load({"--help"});
  EXPECT_EQ(loaded.action, config_action::help);
  EXPECT_EQ(loaded.help_text.rfind("usage: smistat [serve] [options]\n"
                                   "example: smistat --port 8000 --refresh-interval 0.5\n",
                                   0),
            0u)
      << loaded.help_text;
  EXPECT_EQ(loaded.help_text, help_text());
}

TEST(config_actions, short_help_and_help_after_serve) {
  EXPECT_EQ(load({"-h"}).action, config_action::help);
  EXPECT_EQ(load({"serve", "--help"}).action, config_action::help);
}

TEST(config_actions, help_lists_every_option) {
  const std::string help = help_text();
  const char* const options[] = {"--help",
                                 "--version",
                                 "--config",
                                 "--no-access-log",
                                 "--host",
                                 "--port",
                                 "--threads",
                                 "--refresh-interval",
                                 "--collect-mode",
                                 "--processes-interval",
                                 "--details-interval",
                                 "--host-interval",
                                 "--collect-timeout",
                                 "--nvidia-smi",
                                 "--replay",
                                 "--log-level",
                                 "--log.level",
                                 "--log.format",
                                 "--access-log",
                                 "--enable-cors",
                                 "--api-prefix",
                                 "--apply-api-prefix",
                                 "--max-history",
                                 "--agents",
                                 "--agents-file",
                                 "--web.telemetry-path",
                                 "--metrics.profile",
                                 "--metrics.hostname-label",
                                 "--xid.source",
                                 "--gpus-expected",
                                 "--metrics.processes",
                                 "--metrics.processes.max",
                                 "--path.procfs",
                                 "--hpc-job-mapping-dir",
                                 "--kubernetes",
                                 "--kubernetes.pod-resources-socket",
                                 "--kubernetes.interval",
                                 "--kubernetes.timeout",
                                 "--web.config.file",
                                 "--api-key",
                                 "--api-keys",
                                 "--auth-all",
                                 "--auth-probes",
                                 "--default-stream-interval",
                                 "--max-streams",
                                 "--read-timeout",
                                 "--write-timeout",
                                 "--max-header-bytes",
                                 "--max-body-bytes",
                                 "--title",
                                 "--description",
                                 "--api-version",
                                 "--docs-url",
                                 "--redoc-url",
                                 "--docs.assets-dir",
                                 "--reload",
                                 "--workers"};
  // Program_options prints `  --name VALUE  text`, or `  -h [ --help ]` for a short alias.
  const std::regex option_line(R"(^  (?:-[a-z] \[ )?(--[a-z.-]+)[ \]].*)");
  std::set<std::string> listed;
  std::istringstream lines(help);
  std::smatch m;
  for (std::string line; std::getline(lines, line);)
    if (std::regex_match(line, m, option_line)) listed.insert(m[1]);
  for (const char* option : options) EXPECT_TRUE(listed.contains(option)) << option;
  EXPECT_EQ(listed.size(), std::size(options));
}

TEST(config_actions, help_lists_environment_names) {
  const std::string help = help_text();
  const char* const names[] = {"SMISTAT_PORT",
                               "SMISTAT_REFRESH_INTERVAL",
                               "SMISTAT_NVIDIA_SMI",
                               "SMISTAT_CONFIG",
                               "HOST",
                               "PORT",
                               "REFRESH_INTERVAL",
                               "LOG_LEVEL",
                               "ACCESS_LOG",
                               "RELOAD",
                               "WORKERS",
                               "TITLE",
                               "DESCRIPTION",
                               "VERSION (--api-version)",
                               "DOCS_URL",
                               "REDOC_URL",
                               "ENABLE_CORS",
                               "API_PREFIX",
                               "MAX_HISTORY",
                               "CUDA_VISIBLE_DEVICES",
                               ".env"};
  for (const char* name : names) EXPECT_NE(help.find(name), std::string::npos) << name;
}

TEST(config_actions, help_fits_in_100_columns) {
  std::istringstream lines(help_text());
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 100u) << line;
}

TEST(config_actions, help_and_version_ignore_bad_settings) {
  // Asking for help must work even when the environment that broke the start is still set.
  const test::env_map broken = {{"PORT", "abc"}, {"SMISTAT_CONFIG", "/nonexistent.conf"}};
  EXPECT_EQ(load({"--help"}, broken).action, config_action::help);
  EXPECT_EQ(load({"--version"}, broken).action, config_action::version);
}

TEST(config_actions, version_has_no_help_text) {
  const loaded_config loaded = load({"--version"});
  EXPECT_EQ(loaded.action, config_action::version);
  EXPECT_TRUE(loaded.help_text.empty());
}

TEST(config_actions, no_arguments_and_serve_mean_serve) {
  EXPECT_EQ(load({}).action, config_action::serve);
  EXPECT_EQ(load({"serve"}).action, config_action::serve);
}

TEST(config_actions, empty_argv_means_serve) {
  EXPECT_EQ(load_config(0, nullptr, {}, test::no_dotenv).action, config_action::serve);
}

}  // namespace
}  // namespace smistat
