#include "src/contracts/gpu_metrics_api/typescript_types.hpp"

#include <gtest/gtest.h>

#include <string>

#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "src/history/gpu_trend_history.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

TEST(typescript_types, declares_every_interface_of_the_contract) {
  const std::string text(typescript_types());
  for (const char* name :
       {"GPUProcess", "GPUMemory", "GPUUtilization", "GPUPower", "GPURateOfChange", "GPUPeakValues",
        "GPUClocks", "GPUPCIe", "GPUThrottling", "GPUDebugInfo", "GPU", "CPUStats", "MemoryStats",
        "DiskIO", "SystemInfo", "GPUSummary", "GPUResponse", "GPUStreamEvent"})
    EXPECT_NE(text.find("export interface " + std::string(name) + " {"), std::string::npos) << name;
  // The original's stream event wraps the response; a union in its place broke client code.
  EXPECT_NE(text.find("export interface GPUStreamEvent {\n  data: GPUResponse;\n  event?: string;\n"
                      "  id?: string;\n}"),
            std::string::npos);
  EXPECT_EQ(typescript_types_filename, "gpu-metrics-types.ts");
}

// Every member the types declare is a key the renderer writes, so the two cannot drift apart.
TEST(typescript_types, every_member_is_a_key_of_a_rendered_body) {
  const auto s = test::machine_snapshot_001(test::fixtures_dir() / "h100-80gb-hbm3__590.48.01");
  history::gpu_trend_history history(trend_samples);
  const std::string body = render_gpu_metrics(s, s.sampled_at.value(), history.update(s));
  const std::string text(typescript_types());
  std::size_t members = 0;
  std::size_t pos = 0;
  while ((pos = text.find(";\n", pos)) != std::string::npos) {
    const auto line_start = text.rfind('\n', pos) + 1;
    const std::string line = text.substr(line_start, pos - line_start);
    pos += 2;
    const auto colon = line.find(':');
    if (colon == std::string::npos || line.find("//") != std::string::npos) continue;
    const auto first = line.find_first_not_of(' ');
    const std::string key = line.substr(first, colon - first);
    // The stream's frames: the original's wrapper (data, event, id) and the error event.
    if (key == "error" || key == "data" || key == "event?" || key == "id?") continue;
    ++members;
    EXPECT_NE(body.find("\"" + key + "\":"), std::string::npos) << key;
  }
  EXPECT_GT(members, 90u);
}

}  // namespace
}  // namespace smistat::render
