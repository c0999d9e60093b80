// smistat_mig_info: one info series per MIG device nvidia-smi -L lists, rendered from recorded
// lists and served by the real binary replaying a MIG machine.
#include "src/contracts/prometheus/metrics_mig.hpp"

#include <gtest/gtest.h>

#include <string>

#include "parsers/list_gpus.hpp"
#include "tests/contracts/prometheus/prometheus_server.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

const std::string mig_machine = "h100-80gb-hbm3-mig__590.48.01";

collect::snapshot listed_from(const std::string& machine) {
  collect::snapshot s;
  s.facts.listed = parsers::parse_list_gpus(read_file(machine_dir(machine) / "list-gpus.txt")).gpus;
  return s;
}

std::string mig_line(int device, const std::string& profile) {
  const auto id = std::to_string(device);
  return R"(smistat_mig_info{gpu="0",UUID="GPU-00000000-0000-0000-0000-000000000000",)"
         R"(mig_uuid="MIG-0000000)" +
         id + "-0000-0000-0000-00000000000" + id + R"(",mig_device=")" + id + R"(",profile=")" +
         profile + "\"} 1\n";
}

TEST(MetricsMig, OneInfoSeriesPerListedMigDevice) {
  EXPECT_EQ(render::render_mig_metrics(listed_from(mig_machine)),
            "# HELP smistat_mig_info A MIG device as nvidia-smi -L lists it: its GPU, MIG UUID, "
            "device number and profile. Always 1.\n"
            "# TYPE smistat_mig_info gauge\n" +
                mig_line(0, "3g.40gb") + mig_line(1, "2g.20gb") + mig_line(2, "1g.10gb") +
                mig_line(3, "1g.10gb"));
}

TEST(MetricsMig, NothingWithoutMig) {
  EXPECT_EQ(render::render_mig_metrics(listed_from("h100-80gb-hbm3__590.48.01")), "");
  EXPECT_EQ(render::render_mig_metrics(collect::snapshot{}), "");
}

TEST(MetricsMig, TheServerReplayingAMigMachinePublishesTheInventory) {
  smistat_process server({"--replay", machine_dir(mig_machine).string()});
  ASSERT_NE(server.port(), 0);
  // The list is read with the first sample; until then /metrics has no GPU at all.
  std::string body;
  eventually([&] {
    body = http_get(server.port(), "/metrics").body;
    return body.find("\nsmistat_gpus 1\n") != std::string::npos;
  });
  EXPECT_NE(body.find("\n" + mig_line(2, "1g.10gb")), std::string::npos) << body;
}

}  // namespace
}  // namespace smistat::test
