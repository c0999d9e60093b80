// The command-line tools' pure parts: when to colour, and reading an agent's JSON back.
#include <gtest/gtest.h>

#include "src/cli/agent_client.hpp"
#include "src/cli/arguments.hpp"
#include "src/cli/colour_choice.hpp"
#include "src/cli/subcommands.hpp"
#include "src/contracts/nvgpu/nvgpu_agent.hpp"
#include "tests/contracts/nvgpu/nvgpu_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::cli {
namespace {

TEST(colour_choice, auto_colours_a_terminal_unless_no_color_is_set) {
  EXPECT_TRUE(use_colour("auto", true, {}));
  EXPECT_FALSE(use_colour("auto", false, {}));
  EXPECT_FALSE(use_colour("auto", true, {{"NO_COLOR", "1"}}));
  EXPECT_TRUE(use_colour("auto", true, {{"NO_COLOR", ""}}));  // no-color.org: empty is unset
  EXPECT_TRUE(use_colour("always", false, {{"NO_COLOR", "1"}}));
  EXPECT_FALSE(use_colour("never", true, {}));
  EXPECT_THROW(use_colour("yes", true, {}), usage_error);
}

TEST(agent_report, reads_back_what_the_agent_renders) {
  const auto s = test::nvgpu_machine(test::fixtures_dir() / "synthetic-8x-h100__590.48.01");
  auto devices = render::nvgpu_devices(s, test::sample_time());
  const auto body = render::render_nvgpu_agent(devices, "node02");
  const auto report = parse_agent_report(body);
  EXPECT_EQ(report.hostname, "node02");
  EXPECT_EQ(report.body, body);
  ASSERT_EQ(report.devices.size(), devices.size());
  for (std::size_t i = 0; i < devices.size(); ++i) {
    // The JSON carries neither the index nor the UUID; everything else comes back.
    devices[i].index.reset();
    devices[i].uuid.clear();
    EXPECT_EQ(report.devices[i], devices[i]) << i;
  }
}

TEST(agent_report, a_seed_agent_without_memory_is_read_too) {
  const auto report = parse_agent_report(
      R"({"hostname": "node02", "gpus": [{"type": "GeForce GTX 1080 Ti", "is_available": false,)"
      R"( "pids": "19028", "users": "alice", "running_since": "2 days ago", "utilization": 0,)"
      R"( "clock_mhz": 139, "temperature": 44, "cmd": "jupyter"}]})");
  ASSERT_EQ(report.devices.size(), 1u);
  EXPECT_FALSE(report.devices[0].memory.has_value());
  EXPECT_EQ(report.devices[0].utilization, 0);
  EXPECT_EQ(report.devices[0].cmd, "jupyter");
}

TEST(agent_report, anything_else_is_refused) {
  EXPECT_THROW(parse_agent_report("{\"message\": \"Internal Server Error\"}\n"),
               std::runtime_error);
  EXPECT_THROW(parse_agent_report("<html>"), std::runtime_error);
  EXPECT_THROW(parse_agent_report("[]"), std::runtime_error);
}

TEST(subcommands, list_nvl_and_available) {
  ASSERT_NE(find_subcommand("list"), nullptr);
  EXPECT_EQ(find_subcommand("nvl")->run, find_subcommand("list")->run);
  EXPECT_NE(find_subcommand("available"), nullptr);
  EXPECT_EQ(find_subcommand("serve"), nullptr);  // the server's own command line
  EXPECT_EQ(find_subcommand("--help"), nullptr);
}

TEST(arguments, unknown_options_and_stray_words_are_refused) {
  boost::program_options::options_description d;
  d.add_options()("mem", "");
  EXPECT_NO_THROW(parse_arguments(d, {"--mem"}));
  EXPECT_THROW(parse_arguments(d, {"--memory-hog"}), usage_error);
  EXPECT_THROW(parse_arguments(d, {"extra"}), usage_error);
}

}  // namespace
}  // namespace smistat::cli
