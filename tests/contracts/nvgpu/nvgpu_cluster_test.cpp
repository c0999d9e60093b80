// /cluster_status bodies: agents' JSON re-serialised as flask_restful writes it, and error entries.
#include "src/contracts/nvgpu/nvgpu_cluster.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

const std::filesystem::path golden_root = SMISTAT_GOLDEN_DIR;

TEST(nvgpu_cluster, agents_and_errors_in_agents_order) {
  const std::vector<agent_answer> answers = {
      // As smistat's own compact writer or another agent may send it: re-spaced, numbers kept.
      {std::nullopt,
       R"({"hostname":"node01","gpus":[{"type":"NVIDIA H100 80GB HBM3","is_available":true,"pids":"","users":"","running_since":null,"utilization":0,"memory":{"total":85520809984,"free":84929740800,"used":591069184},"clock_mhz":345,"temperature":31,"cmd":null}]})"},
      // nvgpu's own output (spaced, a trailing newline), with floats and non-ASCII text.
      {std::nullopt,
       "{\"hostname\": \"n\u00f6de02\", \"gpus\": [{\"type\": \"GeForce GTX 1080 Ti\", "
       "\"utilization\": 20.0, \"temperature\": 1e2, \"cmd\": \"jupyter\"}]}\n"},
      {"Host not available", ""},
      {"Connection timeout", ""},
      {"Bad response (404: NOT FOUND)", ""},
      {std::nullopt, "<html>not json</html>"},
  };
  EXPECT_TRUE(test::matches_golden(golden_root / "master" / "cluster-status.json",
                                   render_cluster_status(answers)));
}

TEST(nvgpu_cluster, invalid_json_is_an_error_entry_not_a_failed_request) {
  const std::vector<agent_answer> answers = {
      {std::nullopt, "{\"hostname\": "}, {std::nullopt, ""}, {std::nullopt, "NaN"}};
  EXPECT_EQ(render_cluster_status(answers),
            "[{\"error\": \"Bad response (invalid JSON)\"}, "
            "{\"error\": \"Bad response (invalid JSON)\"}, "
            "{\"error\": \"Bad response (invalid JSON)\"}]\n");
}

TEST(nvgpu_cluster, no_agents_is_an_empty_list) { EXPECT_EQ(render_cluster_status({}), "[]\n"); }

}  // namespace
}  // namespace smistat::render
