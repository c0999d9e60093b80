#include "src/contracts/gpu_manager/gpu_manager.hpp"

#include <gtest/gtest.h>

#include "src/contracts/kit/nvml_version.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

using test::sample_time;

// A -L entry; the renderer only needs the index.
parsers::listed_gpu listed(int index) { return {index, "GPU", "GPU-" + std::to_string(index), {}}; }

parsers::lost_gpu lost(std::string bus_id) {
  return {bus_id, "GPU is lost.  Reboot the system to recover this GPU",
          "Unable to determine the device handle for GPU " + bus_id +
              ": GPU is lost.  Reboot the system to recover this GPU"};
}

// The original's documented example, byte for byte.
TEST(gpu_manager, devices_match_the_example) {
  const auto s = test::snapshot_from_000_csv(
      "0, NVIDIA A100-SXM4-40GB, 40960, 5960, 35000, 45, 52, 60.00, 400.00\n");
  const auto r = render_gpu_devices(s, sample_time());
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(
      r.body,
      R"({"devices":[{"index":0,"name":"NVIDIA A100-SXM4-40GB","total_memory_mb":40960,"free_memory_mb":35000,"used_memory_mb":5960,"utilization_percent":45,"temperature_c":52,"is_available":true,"error_message":null}],"count":1})");
}

// N/A -> null (003 never invents a number), all GPUs listed regardless of CUDA_VISIBLE_DEVICES.
TEST(gpu_manager, unknown_metrics_are_null) {
  const auto r = render_gpu_devices(test::four_gpu_snapshot(), sample_time());
  EXPECT_NE(
      r.body.find(
          R"({"index":2,"name":"NVIDIA A100-SXM4-40GB","total_memory_mb":40960,"free_memory_mb":40960,"used_memory_mb":0,"utilization_percent":null,"temperature_c":null,"is_available":true,"error_message":null})"),
      std::string::npos);
  EXPECT_NE(r.body.find(R"(],"count":4})"), std::string::npos);
  const auto s = test::snapshot_from_000_csv("0, [N/A], [N/A], [N/A], [N/A], 1, 2, 3, 4\n");
  EXPECT_EQ(
      render_gpu_devices(s, sample_time()).body,
      R"({"devices":[{"index":0,"name":"Unknown","total_memory_mb":null,"free_memory_mb":null,"used_memory_mb":null,"utilization_percent":1,"temperature_c":2,"is_available":true,"error_message":null}],"count":1})");
}

TEST(gpu_manager, no_data_gives_an_empty_list) {
  collect::snapshot s = test::empty_snapshot();
  s.facts.nvidia_smi_found = false;
  EXPECT_EQ(render_gpu_devices(s, sample_time()).body, R"({"devices":[],"count":0})");
}

TEST(gpu_manager, lost_gpu_is_listed_unavailable_with_its_index_from_the_list) {
  collect::snapshot s = test::snapshot_from_000_csv(
      "0, A, 100, 50, 50, 10, 40, 1.0, 2.0\n"
      "2, C, 100, 50, 50, 10, 40, 1.0, 2.0\n");
  s.facts.listed = {listed(0), listed(1), listed(2)};
  s.gpus.lost.push_back(lost("00000000:02:00.0"));
  const auto body = render_gpu_devices(s, sample_time()).body;
  EXPECT_NE(
      body.find(
          R"(},{"index":1,"name":"Unknown","total_memory_mb":null,"free_memory_mb":null,"used_memory_mb":null,"utilization_percent":null,"temperature_c":null,"is_available":false,"error_message":"Unable to determine the device handle for GPU 00000000:02:00.0: GPU is lost.  Reboot the system to recover this GPU"},{"index":2,)"),
      std::string::npos)
      << body;
  EXPECT_NE(body.find(R"("count":3})"), std::string::npos);
}

TEST(gpu_manager, lost_gpus_without_a_list_take_the_next_free_indices_in_bus_order) {
  collect::snapshot s = test::snapshot_from_000_csv("1, B, 100, 50, 50, 10, 40, 1.0, 2.0\n");
  s.gpus.lost = {lost("00000000:C1:00.0"), lost("00000000:41:00.0")};
  const auto body = render_gpu_devices(s, sample_time()).body;
  const auto first = body.find(R"({"index":0,"name":"Unknown")");
  const auto second = body.find(R"({"index":1,"name":"B")");
  const auto third = body.find(R"({"index":2,"name":"Unknown")");
  ASSERT_NE(first, std::string::npos) << body;
  ASSERT_NE(third, std::string::npos) << body;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_LT(body.find("GPU 00000000:41:00.0"), body.find("GPU 00000000:C1:00.0"));
}

TEST(gpu_manager, rows_without_a_readable_index_take_a_free_one) {
  const auto s = test::snapshot_from_000_csv(
      "[N/A], A, 100, 50, 50, 10, 40, 1.0, 2.0\n"
      "0, B, 100, 50, 50, 10, 40, 1.0, 2.0\n");
  const auto body = render_gpu_devices(s, sample_time()).body;
  EXPECT_LT(body.find(R"({"index":0,"name":"B")"), body.find(R"({"index":1,"name":"A")")) << body;
}

TEST(gpu_manager, driver_falls_back_to_the_sampled_driver_version) {
  collect::snapshot s =
      test::snapshot_from_machine(test::fixtures_dir() / "geforce-rtx-2080-super__465.27");
  s.facts.driver_version.clear();
  const auto r = render_gpu_driver(s, sample_time());
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body,
            R"({"driver_version":"465.27","cuda_driver_version":"","nvml_version":"465.27"})");
}

TEST(gpu_manager, driver_matches_the_example) {
  const auto r = render_gpu_driver(test::four_gpu_snapshot(), sample_time());
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(
      r.body,
      R"({"driver_version":"535.104.05","cuda_driver_version":"12.2","nvml_version":"12.535.104"})");
}

TEST(gpu_manager, driver_without_data_is_503) {
  for (bool found : {false, true}) {
    collect::snapshot s = test::empty_snapshot();
    s.facts.nvidia_smi_found = found;
    const auto r = render_gpu_driver(s, sample_time());
    EXPECT_EQ(r.status, 503u);
    EXPECT_EQ(r.body, R"({"detail":"NVML not initialized. GPU features are not available."})");
  }
}

TEST(gpu_manager, driver_with_unknown_version_is_503) {
  collect::snapshot s = test::four_gpu_snapshot();
  s.facts.driver_version.clear();
  const auto r = render_gpu_driver(s, sample_time());
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(r.body, R"({"detail":"Failed to query driver information: driver version unknown"})");
}

struct nvml_case {
  const char* driver;
  const char* cuda;
  const char* nvml;
  const char* expected;
};

TEST(gpu_manager, nvml_version_is_cuda_major_and_nvml) {
  const nvml_case cases[] = {
      {"535.104.05", "12.2", "535.104", "12.535.104"},
      {"590.48.01", "13.1", "590.48", "13.590.48"},
      {"535.104.05", "12.2", "", "12.535.104"},  // derived from the driver
      {"591.86", "13.1", "", "13.591.86"},
      {"535.104.05", "", "535.104", "535.104"},
      {"", "", "", ""},
  };
  for (const auto& c : cases) {
    collect::static_facts facts;
    facts.driver_version = c.driver;
    facts.cuda_version = c.cuda;
    facts.nvml_version = c.nvml;
    EXPECT_EQ(nvml_version_string(facts), c.expected) << c.driver << " " << c.nvml;
  }
}

}  // namespace
}  // namespace smistat::render
