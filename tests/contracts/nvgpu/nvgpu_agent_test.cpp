// The agent JSON of GET /gpu_status, byte for byte (docs/contracts/nvgpu.md).
#include "src/contracts/nvgpu/nvgpu_agent.hpp"

#include <gtest/gtest.h>

#include "tests/contracts/nvgpu/nvgpu_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

TEST(nvgpu_agent, seed_keys_plus_memory_in_flask_restful_layout) {
  nvgpu_device idle;
  idle.type = "GeForce GTX 1080 Ti";
  idle.is_available = true;
  idle.utilization = 0;
  idle.memory = nvgpu_memory{11811160064, 11811160064 - 1048576, 1048576};
  idle.clock_mhz = 139;
  idle.temperature = 44;
  nvgpu_device busy = idle;
  busy.is_available = false;
  busy.pids = "19028";
  busy.users = "alice";
  busy.running_since = "2 days ago";
  busy.memory.reset();
  busy.cmd = "jupyter";
  const std::vector<nvgpu_device> devices{idle, busy};
  EXPECT_EQ(render_nvgpu_agent(devices, "node02"),
            "{\"hostname\": \"node02\", \"gpus\": [{\"type\": \"GeForce GTX 1080 Ti\", "
            "\"is_available\": true, \"pids\": \"\", \"users\": \"\", \"running_since\": null, "
            "\"utilization\": 0, \"memory\": {\"total\": 11811160064, \"free\": 11810111488, "
            "\"used\": 1048576}, \"clock_mhz\": 139, \"temperature\": 44, \"cmd\": null}, "
            "{\"type\": \"GeForce GTX 1080 Ti\", \"is_available\": false, \"pids\": \"19028\", "
            "\"users\": \"alice\", \"running_since\": \"2 days ago\", \"utilization\": 0, "
            "\"memory\": null, \"clock_mhz\": 139, \"temperature\": 44, \"cmd\": \"jupyter\"}]}\n");
}

TEST(nvgpu_agent, text_is_ascii_only_like_json_dumps) {
  nvgpu_device d;
  d.type = "GPU";
  d.users = "jos\xc3\xa9";
  d.cmd = "tab\there";
  const std::vector<nvgpu_device> devices{d};
  const auto body = render_nvgpu_agent(devices, "h\xc3\xb6st");
  EXPECT_NE(body.find("\"hostname\": \"h\\u00f6st\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"users\": \"jos\\u00e9\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"cmd\": \"tab\\there\""), std::string::npos) << body;
}

TEST(nvgpu_agent, no_gpus_is_an_empty_list) {
  EXPECT_EQ(render_nvgpu_agent(std::vector<nvgpu_device>{}, "n"),
            "{\"hostname\": \"n\", \"gpus\": []}\n");
}

TEST(nvgpu_agent, error_is_flask_restfuls_message) {
  EXPECT_EQ(render_nvgpu_error("Internal Server Error"),
            "{\"message\": \"Internal Server Error\"}\n");
}

TEST(nvgpu_agent, every_machine_matches_its_golden) {
  for (const auto& dir : test::machine_dirs()) {
    SCOPED_TRACE(dir.filename().string());
    const auto body = render_nvgpu_agent(test::nvgpu_machine(dir), "node02", test::sample_time());
    EXPECT_TRUE(test::matches_golden(
        std::filesystem::path(SMISTAT_GOLDEN_DIR) / dir.filename() / "gpu_status.json", body));
  }
}

}  // namespace
}  // namespace smistat::render
