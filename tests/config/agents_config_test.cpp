#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "tests/config/load.hpp"
#include "tests/config/temp_dir.hpp"

namespace smistat {
namespace {

using list = std::vector<std::string>;

TEST(agents_config, default_is_self_as_in_nvgpu) {
  EXPECT_EQ(test::load_cfg({}).agents, list{"self"});
}

TEST(agents_config, comma_list_from_the_command_line) {
  EXPECT_EQ(test::load_cfg({"--agents", "self,http://node2:1080"}).agents,
            (list{"self", "http://node2:1080"}));
}

TEST(agents_config, nvgpu_cluster_cfg_names_the_agents_file) {
  test::temp_dir dir;
  const auto file = dir.write("master.cfg", "AGENTS = [\n  'self',\n  'http://node2:1080',\n]\n");
  const auto cfg = test::load_cfg({}, {{"NVGPU_CLUSTER_CFG", file.string()}});
  EXPECT_EQ(cfg.agents, (list{"self", "http://node2:1080"}));
  EXPECT_EQ(cfg.agents_file, file.string());
  EXPECT_EQ(test::load_cfg({"--agents-file", file.string()}).agents, cfg.agents);
}

TEST(agents_config, a_file_without_agents_means_self) {
  test::temp_dir dir;
  const auto file = dir.write("master.cfg", "# no agents yet\n");
  EXPECT_EQ(test::load_cfg({"--agents-file", file.string()}).agents, list{"self"});
}

TEST(agents_config, a_bad_file_is_refused_with_its_path_and_line) {
  test::temp_dir dir;
  const auto file = dir.write("master.cfg", "AGENTS = [\n  'self'\n  'http://n2:1080',\n]\n");
  const std::string path = file.string();
  try {
    test::load({"--agents-file", path});
    FAIL() << "accepted a list without a comma";
  } catch (const config_error& e) {
    EXPECT_EQ(std::string(e.what()), "invalid value \"" + path +
                                         "\" for --agents-file (from the command line): " + path +
                                         ":3: expected , or ] after an agent");
  }
}

TEST(agents_config, a_missing_file_is_refused) {
  EXPECT_THROW(test::load({"--agents-file", "/nonexistent/smistat-test/master.cfg"}), config_error);
}

TEST(agents_config, an_agent_that_is_no_url_is_refused) {
  try {
    test::load({"--agents", "self,node2:1080"});
    FAIL() << "accepted an agent without a scheme";
  } catch (const config_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "invalid value \"self,node2:1080\" for --agents (from the command line): agent "
              "node2:1080 is neither self nor a URL like http://node2:1080");
  }
}

TEST(agents_config, both_sources_at_once_are_refused) {
  test::temp_dir dir;
  const auto file = dir.write("master.cfg", "AGENTS = ['self']\n");
  EXPECT_THROW(test::load({"--agents", "self"}, {{"NVGPU_CLUSTER_CFG", file.string()}}),
               config_error);
}

}  // namespace
}  // namespace smistat
