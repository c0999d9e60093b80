#include "parsers/version.hpp"

#include <gtest/gtest.h>

#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

std::string recorded(const char* machine) {
  return test::read_file(test::fixtures_dir() / machine / "version.txt");
}

TEST(version, pre_610_layout) {
  const auto v = parse_version(recorded("h100-80gb-hbm3__590.48.01"));
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, (version_info{"590.48.01", "590.48", "590.48.01", "13.1", false}));
}

TEST(version, kmd_layout_of_610) {
  const auto linux_v = parse_version(recorded("geforce-rtx-2080-super__610.57.04"));
  ASSERT_TRUE(linux_v);
  EXPECT_EQ(*linux_v, (version_info{"610.57.04", "610.57", "610.57.04", "13.3", true}));
  const auto windows_v = parse_version(recorded("geforce-rtx-2080-super-windows__610.62"));
  ASSERT_TRUE(windows_v);
  EXPECT_EQ(*windows_v, (version_info{"610.62", "610.62", "610.62", "13.3", true}));
}

TEST(version, crlf_and_missing_lines) {
  const auto v = parse_version("NVIDIA-SMI version  : 591.86\r\nDRIVER version      : 591.86\r\n");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->driver_version, "591.86");
  EXPECT_EQ(v->nvml_version, "");
  EXPECT_EQ(v->cuda_version, "");
}

TEST(version, error_and_usage_texts_are_not_versions) {
  EXPECT_FALSE(parse_version(""));
  EXPECT_FALSE(
      parse_version("NVIDIA-SMI has failed because it couldn't communicate with the "
                    "NVIDIA driver. Make sure that the latest NVIDIA driver is installed "
                    "and running.\n"));
  EXPECT_FALSE(
      parse_version("Invalid combination of input arguments. Please run 'nvidia-smi -h' "
                    "for help.\n"));
  EXPECT_FALSE(parse_version("NVIDIA-SMI version  :\n"));
}

}  // namespace
}  // namespace smistat::parsers
