#include "parsers/list_gpus.hpp"

#include <gtest/gtest.h>

#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

TEST(list_gpus, single_gpu) {
  const auto list = parse_list_gpus(
      "GPU 0: NVIDIA GeForce RTX 2080 SUPER (UUID: GPU-df6e7a7c-7314-46f8-abc4-b88b36dcf3aa)\n");
  ASSERT_EQ(list.gpus.size(), 1u);
  EXPECT_EQ(
      list.gpus[0],
      (listed_gpu{
          0, "NVIDIA GeForce RTX 2080 SUPER", "GPU-df6e7a7c-7314-46f8-abc4-b88b36dcf3aa", {}}));
  EXPECT_TRUE(list.unrecognized.empty());
}

TEST(list_gpus, mig_devices_attach_to_their_gpu) {
  const auto list = parse_list_gpus(
      test::read_file(test::fixtures_dir() / "h200-mig__590.48.01" / "list-gpus.txt"));
  ASSERT_EQ(list.gpus.size(), 1u);
  ASSERT_EQ(list.gpus[0].mig_devices.size(), 5u);
  EXPECT_EQ(list.gpus[0].mig_devices[0],
            (listed_mig_device{"1c.3g.71gb", 0, "MIG-00000000-0000-0000-0000-000000000000"}));
  EXPECT_EQ(list.gpus[0].mig_devices[4].profile, "1g.18gb");
  EXPECT_EQ(list.gpus[0].mig_devices[4].device, 4);
  EXPECT_TRUE(list.unrecognized.empty());
}

// The first ten lines of nvidia_gpu_exporter's 8x H100 MIG `-L` capture (real UUIDs).
constexpr std::string_view h100_mig_excerpt =
    "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-63d1e50a-b952-d15c-0740-12bc14859142)\n"
    "  MIG 1g.10gb     Device  0: (UUID: MIG-4d0efb7d-0970-51d9-b761-0686be6b8af3)\n"
    "  MIG 1g.10gb     Device  1: (UUID: MIG-7d8b2e8d-57ea-5fe3-83bc-2026e5cb10fb)\n"
    "  MIG 1g.10gb     Device  2: (UUID: MIG-ec4af7a3-3539-5cc0-88d2-bf7439a67c4b)\n"
    "  MIG 1g.10gb     Device  3: (UUID: MIG-ee5bffff-7058-50a9-9e23-132b98e61920)\n"
    "  MIG 1g.10gb     Device  4: (UUID: MIG-6201bd07-6488-5d2c-bfc3-f2ce279e3e64)\n"
    "  MIG 1g.10gb     Device  5: (UUID: MIG-b0483f2f-fdd4-5fea-bd1d-ef0eabb43261)\n"
    "  MIG 1g.10gb     Device  6: (UUID: MIG-f9cebd56-fdb1-5f90-a05d-d4abf0512ae9)\n"
    "GPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-7e7d2a20-56b8-3220-e75c-1f3185864bda)\n"
    "  MIG 1g.10gb     Device  0: (UUID: MIG-9e577b56-8dad-58fa-9799-b034b7e42ec9)\n";

TEST(list_gpus, multi_gpu_mig_listing) {
  const auto list = parse_list_gpus(h100_mig_excerpt);
  ASSERT_EQ(list.gpus.size(), 2u);
  EXPECT_EQ(list.gpus[0].mig_devices.size(), 7u);
  EXPECT_EQ(list.gpus[0].mig_devices[6],
            (listed_mig_device{"1g.10gb", 6, "MIG-f9cebd56-fdb1-5f90-a05d-d4abf0512ae9"}));
  EXPECT_EQ(list.gpus[1].index, 1);
  EXPECT_EQ(list.gpus[1].uuid, "GPU-7e7d2a20-56b8-3220-e75c-1f3185864bda");
  ASSERT_EQ(list.gpus[1].mig_devices.size(), 1u);
  EXPECT_EQ(list.gpus[1].mig_devices[0].device, 0);
  EXPECT_TRUE(list.unrecognized.empty());
}

TEST(list_gpus, unrecognized_lines_are_kept) {
  const auto list = parse_list_gpus(
      "  MIG 1g.10gb Device 0: (UUID: MIG-orphan)\n"
      "GPU 0: Name (with parens) (UUID: GPU-1)\r\n"
      "No devices were found\n"
      "GPU x: bad index (UUID: GPU-2)\n"
      "GPU 1: no uuid\n"
      "  MIG 1g.10gb     Device  1: (UUID: MIG-1)\n");
  ASSERT_EQ(list.gpus.size(), 1u);
  EXPECT_EQ(list.gpus[0].name, "Name (with parens)");
  EXPECT_EQ(list.gpus[0].mig_devices.size(), 1u);
  EXPECT_EQ(
      list.unrecognized,
      (std::vector<std::string>{"MIG 1g.10gb Device 0: (UUID: MIG-orphan)", "No devices were found",
                                "GPU x: bad index (UUID: GPU-2)", "GPU 1: no uuid"}));
}

// Found by fuzzing: the prefix's blank is also the first character of " (UUID: ", which once
// left a head shorter than the prefix and threw out_of_range.
TEST(list_gpus, nothing_between_prefix_and_uuid_is_unrecognized) {
  const auto list =
      parse_list_gpus("GPU (UUID: GPU-1)\nGPU 0: A (UUID: GPU-2)\nMIG (UUID: MIG-1)\n");
  ASSERT_EQ(list.gpus.size(), 1u);
  EXPECT_TRUE(list.gpus[0].mig_devices.empty());
  EXPECT_EQ(list.unrecognized,
            (std::vector<std::string>{"GPU (UUID: GPU-1)", "MIG (UUID: MIG-1)"}));
}

}  // namespace
}  // namespace smistat::parsers
