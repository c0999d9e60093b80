#include "parsers/banner.hpp"

#include <gtest/gtest.h>

#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

namespace fs = std::filesystem;

TEST(banner, every_recorded_banner_has_versions) {
  int seen = 0;
  for (const auto& dir : test::machine_dirs())
    for (const char* file : {"banner.idle.txt", "banner.load.txt"}) {
      if (!fs::exists(dir / file)) continue;
      SCOPED_TRACE(dir.filename().string() + "/" + file);
      const auto b = parse_banner(test::read_file(dir / file));
      ASSERT_TRUE(b);
      // Folder names end in the driver version.
      const auto name = dir.filename().string();
      EXPECT_EQ(b->driver_version, name.substr(name.rfind("__") + 2));
      EXPECT_EQ(b->nvidia_smi_version, b->driver_version);
      EXPECT_TRUE(b->cuda_version.starts_with("13.")) << b->cuda_version;
      ++seen;
    }
  EXPECT_GE(seen, 20);
}

TEST(banner, pre_610_and_kmd_layouts) {
  EXPECT_EQ(parse_banner("| NVIDIA-SMI 590.48.01              Driver Version: 590.48.01      "
                         "CUDA Version: 13.1     |\n"),
            (banner_info{"590.48.01", "590.48.01", "13.1"}));
  EXPECT_EQ(parse_banner("| NVIDIA-SMI 610.62                 KMD Version: 610.62        CUDA "
                         "UMD Version: 13.3     |\r\n"),
            (banner_info{"610.62", "610.62", "13.3"}));
}

TEST(banner, cuda_na_reads_as_unknown) {
  const auto b = parse_banner(
      "| NVIDIA-SMI 440.44       Driver Version: 440.44       CUDA "
      "Version: N/A      |\n");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->cuda_version, "");
  EXPECT_EQ(b->driver_version, "440.44");
}

TEST(banner, error_texts_are_not_banners) {
  EXPECT_FALSE(parse_banner(""));
  EXPECT_FALSE(
      parse_banner("NVIDIA-SMI has failed because it couldn't communicate with the "
                   "NVIDIA driver.\n"));
  EXPECT_FALSE(parse_banner("NVIDIA-SMI couldn't find libnvidia-ml.so library in your system.\n"));
}

}  // namespace
}  // namespace smistat::parsers
