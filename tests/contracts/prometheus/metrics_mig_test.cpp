// The MIG families: one info series per MIG device nvidia-smi -L lists, with the instance IDs
// and memory -q gives, rendered from recorded outputs and served by the real binary replaying a
// MIG machine.
#include "src/contracts/prometheus/metrics_mig.hpp"

#include <gtest/gtest.h>

#include <string>

#include "parsers/list_gpus.hpp"
#include "parsers/query_details.hpp"
#include "tests/contracts/prometheus/prometheus_server.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

const std::string mig_machine = "h100-80gb-hbm3-mig__590.48.01";
const std::string info_help =
    "# HELP smistat_mig_info A MIG device as nvidia-smi lists it: its GPU, MIG UUID, device "
    "number and profile (-L), GPU and compute instance IDs (-q, once read). Always 1.\n"
    "# TYPE smistat_mig_info gauge\n";

collect::snapshot listed_from(const std::string& machine) {
  collect::snapshot s;
  s.facts.listed = parsers::parse_list_gpus(read_file(machine_dir(machine) / "list-gpus.txt")).gpus;
  return s;
}

std::string device_labels(int device) {
  const auto id = std::to_string(device);
  return R"(gpu="0",UUID="GPU-00000000-0000-0000-0000-000000000000",mig_uuid="MIG-0000000)" + id +
         "-0000-0000-0000-00000000000" + id + "\"";
}

/** The info line; `instances` is `,gpu_instance="2",compute_instance="0"` once -q was read. */
std::string info_line(int device, const std::string& profile, const std::string& instances = "") {
  return "smistat_mig_info{" + device_labels(device) + R"(,mig_device=")" + std::to_string(device) +
         R"(",profile=")" + profile + "\"" + instances + "} 1\n";
}

TEST(MetricsMig, OneInfoSeriesPerListedMigDeviceBeforeQIsRead) {
  EXPECT_EQ(render::render_mig_metrics(listed_from(mig_machine)),
            info_help + info_line(0, "3g.40gb") + info_line(1, "2g.20gb") +
                info_line(2, "1g.10gb") + info_line(3, "1g.10gb"));
}

TEST(MetricsMig, InstanceIdsAndMemoryFromQ) {
  auto s = listed_from(mig_machine);
  s.details = parsers::parse_query_details(read_file(machine_dir(mig_machine) / "q.load.txt"));
  const auto ids = [](int gi) {
    return R"(,gpu_instance=")" + std::to_string(gi) + R"(",compute_instance="0")";
  };
  const auto sample = [](const std::string& family, int device, const std::string& value) {
    return family + "{" + device_labels(device) + "} " + value + "\n";
  };
  EXPECT_EQ(render::render_mig_metrics(s),
            info_help + info_line(0, "3g.40gb", ids(2)) + info_line(1, "2g.20gb", ids(3)) +
                info_line(2, "1g.10gb", ids(9)) + info_line(3, "1g.10gb", ids(10)) +
                "# HELP smistat_mig_memory_total_bytes Framebuffer memory of the MIG device "
                "(nvidia-smi -q).\n# TYPE smistat_mig_memory_total_bytes gauge\n" +
                sample("smistat_mig_memory_total_bytes", 0, "4.2412802048e+10") +
                sample("smistat_mig_memory_total_bytes", 1, "2.1072183296e+10") +
                sample("smistat_mig_memory_total_bytes", 2, "1.0468982784e+10") +
                sample("smistat_mig_memory_total_bytes", 3, "1.0468982784e+10") +
                "# HELP smistat_mig_memory_used_bytes Framebuffer memory used on the MIG device "
                "(nvidia-smi -q).\n# TYPE smistat_mig_memory_used_bytes gauge\n" +
                sample("smistat_mig_memory_used_bytes", 0, "1.1629756416e+10") +
                sample("smistat_mig_memory_used_bytes", 1, "1.7825792e+07") +
                sample("smistat_mig_memory_used_bytes", 2, "9.437184e+06") +
                sample("smistat_mig_memory_used_bytes", 3, "9.437184e+06"));
}

TEST(MetricsMig, NothingWithoutMig) {
  auto s = listed_from("h100-80gb-hbm3__590.48.01");
  s.details = parsers::parse_query_details(
      read_file(machine_dir("h100-80gb-hbm3__590.48.01") / "q.load.txt"));
  EXPECT_EQ(render::render_mig_metrics(s), "");
  EXPECT_EQ(render::render_mig_metrics(collect::snapshot{}), "");
}

TEST(MetricsMig, TheServerReplayingAMigMachinePublishesTheInventory) {
  smistat_process server({"--replay", machine_dir(mig_machine).string()});
  ASSERT_NE(server.port(), 0);
  // -L is read with the first sample and -q on its own cadence; until both came the lines differ.
  const auto expected = "\n" + info_line(2, "1g.10gb", R"(,gpu_instance="9",compute_instance="0")");
  std::string body;
  EXPECT_TRUE(eventually([&] {
    body = http_get(server.port(), "/metrics").body;
    return body.find(expected) != std::string::npos;
  })) << body;
  EXPECT_NE(body.find("\nsmistat_mig_memory_total_bytes{" + device_labels(2) + "} "),
            std::string::npos);
}

}  // namespace
}  // namespace smistat::test
