#include "parsers/placeholder.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace smistat::parsers {
namespace {

struct placeholder_case {
  std::string_view text;
  availability want;
  std::string_view name;
};

TEST(placeholder, every_known_text_is_classified) {
  const placeholder_case cases[] = {
      {"[N/A]", availability::not_available, "not_available"},
      {"N/A", availability::not_available, "not_available"},
      {"[Not Supported]", availability::not_supported, "not_supported"},
      {"[Unknown Error]", availability::unknown_error, "unknown_error"},
      {"[Insufficient Permissions]", availability::insufficient_permissions,
       "insufficient_permissions"},
      {"[Requested functionality has been deprecated]", availability::deprecated, "deprecated"},
      {"[Function Not Found]", availability::function_not_found, "function_not_found"},
      {"[GPU requires reset]", availability::gpu_requires_reset, "gpu_requires_reset"},
      {"", availability::empty, "empty"},
      {"[Brand New Placeholder]", availability::unknown_placeholder, "unknown_placeholder"},
      {"[]", availability::unknown_placeholder, "unknown_placeholder"},
      {"81559 MiB", availability::present, "present"},
      {"NVIDIA H100 80GB HBM3", availability::present, "present"},
      {"[N/A", availability::present, "present"},
      {"n/a", availability::present, "present"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(classify_cell(c.text), c.want);
    EXPECT_EQ(to_string(classify_cell(c.text)), c.name);
  }
}

}  // namespace
}  // namespace smistat::parsers
