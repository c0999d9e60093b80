#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "src/config/config.hpp"
#include "tests/config/load.hpp"
#include "tests/config/temp_dir.hpp"

namespace smistat {
namespace {

std::string read_text(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(in.good() || in.eof()) << "cannot read " << path;
  return text.str();
}

// A commented-out setting in the sample looks like `# name = default`.
const std::regex setting_line(R"(^# ([a-z][a-z-]*) =(.*)$)");

/** The sample with every setting line uncommented, so each shown default is really parsed. */
std::string uncommented(const std::string& sample, std::set<std::string>& keys) {
  std::istringstream lines(sample);
  std::string out;
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, m, setting_line)) {
      keys.insert(m[1]);
      line = line.substr(2);
    }
    out += line + "\n";
  }
  return out;
}

TEST(sample_conf, parses_cleanly_and_yields_the_defaults) {
  const loaded_config loaded = test::load({"--config", SMISTAT_SAMPLE_CONF});
  EXPECT_EQ(loaded.cfg, config{});
  EXPECT_EQ(loaded.config_file, SMISTAT_SAMPLE_CONF);
  EXPECT_TRUE(loaded.warnings.empty());
}

TEST(sample_conf, shown_defaults_are_the_defaults) {
  std::set<std::string> keys;
  test::temp_dir dir;
  const auto file = dir.write("all.conf", uncommented(read_text(SMISTAT_SAMPLE_CONF), keys));
  EXPECT_EQ(test::load_cfg({"--config", file.string()}), config{});
  EXPECT_EQ(keys.size(), 39u);  // every setting but the dotted ones the pattern skips
}

TEST(sample_conf, lists_every_setting_of_help) {
  std::set<std::string> keys;
  uncommented(read_text(SMISTAT_SAMPLE_CONF), keys);
  const std::string help = help_text();
  // Settings are the options listed after the "Settings" heading of --help.
  std::istringstream lines(help.substr(help.find("Settings")));
  const std::regex option_line(R"(^  --([a-z][a-z-]*) .*)");
  std::smatch m;
  std::size_t settings = 0;
  for (std::string line; std::getline(lines, line) && !line.starts_with("Environment");) {
    if (!std::regex_match(line, m, option_line)) continue;
    ++settings;
    EXPECT_TRUE(keys.contains(m[1])) << m[1] << " is missing from etc/smistat.conf";
  }
  EXPECT_EQ(settings, keys.size());
}

TEST(sample_unit, runs_the_sample_config_hardened) {
  const std::string unit = read_text(SMISTAT_SAMPLE_UNIT);
  const char* const required[] = {
      "ExecStart=/usr/local/bin/smistat --config /etc/smistat.conf $SMISTAT_ARGS\n",
      "EnvironmentFile=-/etc/default/smistat\n",
      "DynamicUser=yes\n",
      "ProtectSystem=strict\n",
      "NoNewPrivileges=yes\n",
      "CapabilityBoundingSet=\n",
  };
  for (const char* line : required) EXPECT_NE(unit.find(line), std::string::npos) << line;
  EXPECT_EQ(unit.find("PrivateDevices=yes"), std::string::npos) << "hides /dev/nvidia*";
}

}  // namespace
}  // namespace smistat
