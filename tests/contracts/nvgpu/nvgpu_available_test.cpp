// `available`: the memory threshold, the limit, and the caller's CUDA_VISIBLE_DEVICES.
#include "src/contracts/nvgpu/nvgpu_available.hpp"

#include <gtest/gtest.h>

#include "tests/contracts/nvgpu/nvgpu_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

/** GPUs 0..n-1 with the given percent of 10240 MiB used (-1: memory unknown). */
std::vector<nvgpu_device> gpus_used(const std::vector<double>& percents) {
  std::vector<nvgpu_device> out;
  for (std::size_t i = 0; i < percents.size(); ++i) {
    nvgpu_device d;
    d.index = static_cast<std::int64_t>(i);
    d.uuid = "GPU-0000000" + std::to_string(i);
    if (percents[i] >= 0) {
      const auto total = std::int64_t{10240} * 1048576;
      const auto used = static_cast<std::int64_t>(static_cast<double>(total) * percents[i] / 100);
      d.memory = nvgpu_memory{total, total - used, used};
    }
    out.push_back(d);
  }
  return out;
}

available_options options(double max_used_percent, std::size_t limit = 0,
                          std::optional<std::string> cuda_visible_devices = std::nullopt) {
  available_options o;
  o.max_used_percent = max_used_percent;
  o.limit = limit;
  o.cuda_visible_devices = std::move(cuda_visible_devices);
  return o;
}

std::string available(const std::vector<nvgpu_device>& devices, available_options o,
                      std::span<const parsers::listed_gpu> listed = {}) {
  return render_available(available_devices(devices, listed, o));
}

TEST(nvgpu_available, at_most_the_threshold_counts_as_free) {
  const auto devices = gpus_used({15.0, 87.890625, 20.0, 20.5, 0.0});
  EXPECT_EQ(available(devices, {}), "0,2,4\n");
  EXPECT_EQ(available(devices, options(90)), "0,1,2,3,4\n");
  EXPECT_EQ(available(devices, options(0)), "4\n");
}

TEST(nvgpu_available, limit_zero_means_no_limit) {
  const auto devices = gpus_used({0, 0, 0});
  EXPECT_EQ(available(devices, options(20, 0)), "0,1,2\n");
  EXPECT_EQ(available(devices, options(20, 1)), "0\n");
  EXPECT_EQ(available(devices, options(20, 2)), "0,1\n");
}

TEST(nvgpu_available, none_free_is_an_empty_line) {
  EXPECT_EQ(available(gpus_used({50, 99}), {}), "\n");
  EXPECT_EQ(available({}, {}), "\n");
}

TEST(nvgpu_available, unknown_memory_is_never_free) {
  EXPECT_EQ(available(gpus_used({-1, 0}), {}), "1\n");
}

TEST(nvgpu_available, only_gpus_the_callers_cuda_visible_devices_shows_in_its_order) {
  const auto devices = gpus_used({0, 0, 50, 0});
  EXPECT_EQ(available(devices, options(20, 0, "3,2,1")), "3,1\n");
  EXPECT_EQ(available(devices, options(20, 1, "3,2,1")), "3\n");
  EXPECT_EQ(available(devices, options(20, 0, "GPU-00000002,GPU-00000000")), "0\n");
  EXPECT_EQ(available(devices, options(20, 0, "")), "\n");
}

TEST(nvgpu_available, a_mig_device_is_named_by_its_uuid_and_free_with_its_gpu) {
  const auto devices = gpus_used({10, 60});
  std::vector<parsers::listed_gpu> listed(2);
  listed[0] = {0, "H100", "GPU-00000000", {{"3g.40gb", 0, "MIG-aaaa"}, {"1g.10gb", 1, "MIG-bbbb"}}};
  listed[1] = {1, "H100", "GPU-00000001", {{"7g.80gb", 0, "MIG-cccc"}}};
  EXPECT_EQ(available(devices, options(20, 0, "MIG-bbbb,MIG-cccc,1"), listed), "MIG-bbbb\n");
}

TEST(nvgpu_available, recorded_machines) {
  const auto dir = test::fixtures_dir();
  const auto h100 =
      nvgpu_devices(test::nvgpu_machine(dir / "synthetic-8x-h100__590.48.01"), test::sample_time());
  // Under load GPUs 0-4 use 19818 of 81559 MiB (24.3 %); 5-7 are idle.
  EXPECT_EQ(available(h100, {}), "5,6,7\n");
  EXPECT_EQ(available(h100, options(25)), "0,1,2,3,4,5,6,7\n");
  EXPECT_EQ(available(h100, options(20, 1)), "5\n");
}

}  // namespace
}  // namespace smistat::render
