// CUDA_VISIBLE_DEVICES as the CUDA runtime reads it (not the 000 contract's integer rule).
#include "src/contracts/nvgpu/cuda_visible_devices.hpp"

#include <gtest/gtest.h>

namespace smistat::render {
namespace {

const std::vector<cuda_gpu> gpus{
    {0, "GPU-05a9ed06-0ddb-1882-ccba-3e5f36943994", {}},
    {1, "GPU-05b1c0de-1111-2222-3333-444455556666", {}},
    {2,
     "GPU-9f00aa11-0000-0000-0000-000000000002",
     {"MIG-00000000-0000-0000-0000-000000000000", "MIG-00000001-0000-0000-0000-000000000001"}},
    {3, "GPU-c0ffee00-0000-0000-0000-000000000003", {}},
};

/** The names of what `value` makes visible, comma-joined. */
std::string visible(const std::optional<std::string>& value) {
  std::string out;
  for (const auto& d : resolve_cuda_visible_devices(value, gpus))
    out += (out.empty() ? "" : ",") + cuda_device_name(d, gpus);
  return out;
}

TEST(cuda_visible_devices, unset_shows_every_gpu_and_blank_shows_none) {
  EXPECT_EQ(visible(std::nullopt), "0,1,2,3");
  EXPECT_EQ(visible(""), "");
  EXPECT_EQ(visible(" \t"), "");
}

TEST(cuda_visible_devices, indices_keep_the_list_order) {
  EXPECT_EQ(visible("3,1"), "3,1");
  EXPECT_EQ(visible(" 2 , 0 "), "2,0");
}

TEST(cuda_visible_devices, the_list_ends_at_the_first_entry_naming_no_device) {
  EXPECT_EQ(visible("0,2,-1,1"), "0,2");  // CUDA's documented example
  EXPECT_EQ(visible("1,7,0"), "1");
  EXPECT_EQ(visible("abc,0"), "");
  EXPECT_EQ(visible("0,,1"), "0");
  EXPECT_EQ(visible("1.5"), "");
  EXPECT_EQ(visible("0,1,0,2"), "0,1");  // a device named twice ends it too
}

TEST(cuda_visible_devices, gpu_uuids_and_unique_prefixes) {
  EXPECT_EQ(visible("GPU-c0ffee00-0000-0000-0000-000000000003"), "3");
  EXPECT_EQ(visible("GPU-9f"), "2");
  EXPECT_EQ(visible("gpu-C0FFEE"), "3");
  EXPECT_EQ(visible("GPU-05a9,GPU-05b"), "0,1");
  EXPECT_EQ(visible("GPU-05,1"), "");  // ambiguous: two GPUs start so
  EXPECT_EQ(visible("GPU-ffff"), "");
}

TEST(cuda_visible_devices, mig_ids_name_one_mig_device) {
  EXPECT_EQ(visible("MIG-00000001-0000-0000-0000-000000000001"),
            "MIG-00000001-0000-0000-0000-000000000001");
  EXPECT_EQ(visible("MIG-00000000-0000-0000-0000-000000000000,0"),
            "MIG-00000000-0000-0000-0000-000000000000,0");
  EXPECT_EQ(visible("MIG-99999999-0000-0000-0000-000000000000"), "");
  // The R450 form names its GPU by UUID, then GPU and compute instances.
  EXPECT_EQ(visible("MIG-GPU-9f00aa11-0000-0000-0000-000000000002/1/0"),
            "MIG-GPU-9f00aa11-0000-0000-0000-000000000002/1/0");
  EXPECT_EQ(visible("MIG-GPU-9f00aa11-0000-0000-0000-000000000002"), "");
}

}  // namespace
}  // namespace smistat::render
