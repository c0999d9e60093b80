// The command line of `smistat record`: what it accepts and the one-line errors it gives.
#include "src/record/record_arguments.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

namespace smistat::record {
namespace {

TEST(record_arguments, defaults_record_idle_from_nvidia_smi_on_path) {
  const auto p = parse_arguments({"out"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.options.dir, "out");
  EXPECT_EQ(p.options.program, "nvidia-smi");
  EXPECT_EQ(p.options.state, "idle");
  EXPECT_FALSE(p.options.force);
  EXPECT_EQ(p.options.timeout, std::chrono::seconds(60));
}

TEST(record_arguments, options_take_separate_or_joined_values) {
  const auto p = parse_arguments({"--state=load", "out", "--nvidia-smi", "/opt/nv/nvidia-smi",
                                  "--timeout", "2.5", "--replay=fixture", "--force"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.options.state, "load");
  EXPECT_TRUE(p.options.force);
  // The settings shared with the server stay text: the caller judges them by the server's rules
  // together with the environment, ./.env and the config file.
  const std::map<std::string, std::string> shared{
      {"nvidia-smi", "/opt/nv/nvidia-smi"}, {"timeout", "2.5"}, {"replay", "fixture"}};
  EXPECT_EQ(p.shared, shared);
}

TEST(record_arguments, mistakes_are_named) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{}, "the folder to record into is missing"},
      {{"a", "b"}, "one folder only: b is extra"},
      {{"a", "--state", "busy"}, "--state must be idle or load, not busy"},
      {{"a", "--nvidia-smi"}, "--nvidia-smi needs a value"},
      {{"a", "--timeout=1", "--timeout=2"}, "--timeout given twice"},
      {{"a", "--verbose=1"}, "unknown option --verbose"},
  };
  for (const auto& [args, error] : cases) EXPECT_EQ(parse_arguments(args).error, error);
}

TEST(record_arguments, help_needs_no_folder) {
  const auto p = parse_arguments({"--help"});
  EXPECT_TRUE(p.help);
  EXPECT_EQ(p.error, "");
}

}  // namespace
}  // namespace smistat::record
