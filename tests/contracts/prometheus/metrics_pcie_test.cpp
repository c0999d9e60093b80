// PCIe throughput from `nvidia-smi -q` in both profiles: dcgm-exporter's DCGM_FI_PROF_PCIE_*
// gauges and smistat_pcie_*_bytes_per_second, rendered from recorded outputs and served by the
// real binary replaying a recorded machine. A throughput -q prints as N/A, a GPU -q has no
// section for, and a failed -q run give no sample, never 0.
#include "src/contracts/prometheus/metrics_pcie.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/query_details.hpp"
#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"
#include "tests/contracts/prometheus/live_metrics.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

using test::fixed_settings;
using test::lines_starting;

const std::string uuid0 = "GPU-00000000-0000-0000-0000-000000000000";

/** A recorded machine's GPU figures with its `-q` output read, as the collector publishes them. */
collect::snapshot machine_with_details(const std::string& machine) {
  const auto dir = test::fixtures_dir() / machine;
  auto s = test::snapshot_from_machine(dir);
  s.details = parsers::parse_query_details(test::read_file(dir / "q.load.txt"));
  return s;
}

std::string dcgm(const collect::snapshot& s) {
  return render_dcgm_metrics(s, fixed_settings(metrics_profile::dcgm));
}

TEST(MetricsPcie, DcgmProfileHasDcgmExportersGaugesInBytesPerSecond) {
  // The L40S recording: `Tx Throughput : 259423 KB/s`, `Rx Throughput : 2012109 KB/s`.
  const auto out = dcgm(machine_with_details("l40s__595.80"));
  const std::string labels =
      R"({gpu="0",UUID=")" + uuid0 +
      R"(",pci_bus_id="00000000:01:00.0",device="nvidia0",modelName="NVIDIA L40S",Hostname="node-1",DCGM_FI_DRIVER_VERSION="595.80"})";
  EXPECT_EQ(lines_starting(out, "DCGM_FI_PROF_PCIE_TX_BYTES"),
            std::vector<std::string>{"DCGM_FI_PROF_PCIE_TX_BYTES" + labels + " 2.65649152e+08"});
  EXPECT_EQ(lines_starting(out, "DCGM_FI_PROF_PCIE_RX_BYTES"),
            std::vector<std::string>{"DCGM_FI_PROF_PCIE_RX_BYTES" + labels + " 2.060399616e+09"});
  EXPECT_EQ(lines_starting(out, "# TYPE DCGM_FI_PROF_PCIE_"),
            (std::vector<std::string>{"# TYPE DCGM_FI_PROF_PCIE_TX_BYTES gauge",
                                      "# TYPE DCGM_FI_PROF_PCIE_RX_BYTES gauge"}));
  EXPECT_EQ(lines_starting(out, "# HELP DCGM_FI_PROF_PCIE_TX_BYTES").front(),
            "# HELP DCGM_FI_PROF_PCIE_TX_BYTES The rate of data transmitted over the PCIe bus - "
            "including both protocol headers and data payloads - in bytes per second.");
}

TEST(MetricsPcie, NvidiaSmiProfileHasSmistatGaugesLabelledLikeTheOtherQFamilies) {
  const auto out = render_nvidia_smi_metrics(machine_with_details("l40s__595.80"));
  EXPECT_EQ(
      lines_starting(out, "smistat_pcie_"),
      (std::vector<std::string>{
          R"(smistat_pcie_tx_bytes_per_second{gpu="0",UUID=")" + uuid0 + R"("} 2.65649152e+08)",
          R"(smistat_pcie_rx_bytes_per_second{gpu="0",UUID=")" + uuid0 + R"("} 2.060399616e+09)"}));
  EXPECT_EQ(lines_starting(out, "# TYPE smistat_pcie_tx_bytes_per_second").front(),
            "# TYPE smistat_pcie_tx_bytes_per_second gauge");
  EXPECT_EQ(out.find("DCGM_FI_PROF_PCIE"), std::string::npos);
}

TEST(MetricsPcie, EachGpuGetsItsOwnSectionsValue) {
  // Matched by UUID, not by position: the 8-GPU recording's GPU 7 moves 352 and 329 KB/s.
  const auto out = dcgm(machine_with_details("synthetic-8x-h100__590.48.01"));
  EXPECT_EQ(lines_starting(out, "DCGM_FI_PROF_PCIE_TX_BYTES{").size(), 8u);
  const auto rx = lines_starting(out, "DCGM_FI_PROF_PCIE_RX_BYTES{gpu=\"7\"");
  ASSERT_EQ(rx.size(), 1u);
  EXPECT_TRUE(rx.front().ends_with("} 336896")) << rx.front();
  const auto nvidia_smi =
      render_nvidia_smi_metrics(machine_with_details("synthetic-8x-h100__590.48.01"));
  EXPECT_EQ(lines_starting(nvidia_smi, "smistat_pcie_tx_bytes_per_second{gpu=\"7\"").front(),
            "smistat_pcie_tx_bytes_per_second{gpu=\"7\",UUID="
            "\"GPU-00000000-0000-0000-0000-000000000007\"} 360448");
}

TEST(MetricsPcie, NotAvailableGivesNoSample) {
  auto s = machine_with_details("l40s__595.80");
  s.details = parsers::parse_query_details(
      "GPU 00000000:01:00.0\n"
      "    GPU UUID                  : " +
      uuid0 +
      "\n"
      "    PCI\n"
      "        Tx Throughput         : N/A\n"
      "        Rx Throughput         : 17 KB/s\n");
  ASSERT_EQ(s.details.size(), 1u);
  for (const auto& out : {dcgm(s), render_nvidia_smi_metrics(s)}) {
    EXPECT_EQ(out.find("PCIE_TX"), std::string::npos) << out;
    EXPECT_EQ(out.find("pcie_tx"), std::string::npos) << out;
  }
  EXPECT_EQ(lines_starting(dcgm(s), "DCGM_FI_PROF_PCIE_RX_BYTES{").size(), 1u);
  EXPECT_EQ(lines_starting(render_nvidia_smi_metrics(s), "smistat_pcie_rx_bytes_per_second{"),
            std::vector<std::string>{"smistat_pcie_rx_bytes_per_second{gpu=\"0\",UUID=\"" + uuid0 +
                                     "\"} 17408"});
}

TEST(MetricsPcie, NoSampleWithoutAnAnswerFromQ) {
  const auto absent = [](const collect::snapshot& s) {
    return dcgm(s).find("DCGM_FI_PROF_PCIE") == std::string::npos &&
           render_nvidia_smi_metrics(s).find("smistat_pcie") == std::string::npos;
  };
  // -q not read yet (or --details-interval 0).
  EXPECT_TRUE(absent(test::snapshot_from_machine(test::fixtures_dir() / "l40s__595.80")));
  // -q's last run failed: the rate kept from the run before is no current one.
  auto failed = machine_with_details("l40s__595.80");
  failed.health.details.last_error =
      collect::collection_error{collect::collection_failure::timed_out, 0, "timed out"};
  EXPECT_TRUE(absent(failed));
  // -q has no section for this GPU.
  auto other = machine_with_details("l40s__595.80");
  other.details.edit().front().uuid = "GPU-11111111-1111-1111-1111-111111111111";
  EXPECT_TRUE(absent(other));
}

TEST(MetricsPcie, TheServerPublishesWhatQPrinted) {
  // The replayer answers -q with the L40S's recorded load state (259423 and 2012109 KB/s).
  test::smistat_process server({"--replay", test::machine_dir("l40s__595.80").string()});
  ASSERT_NE(server.port(), 0);
  const auto body = test::metrics_with(server.port(), "\nDCGM_FI_PROF_PCIE_RX_BYTES{");
  const auto tx = lines_starting(body, "DCGM_FI_PROF_PCIE_TX_BYTES{");
  ASSERT_EQ(tx.size(), 1u) << body;
  EXPECT_TRUE(tx.front().starts_with(R"(DCGM_FI_PROF_PCIE_TX_BYTES{gpu="0",UUID=")" + uuid0))
      << tx.front();
  EXPECT_TRUE(tx.front().ends_with("} 2.65649152e+08")) << tx.front();
  const auto rx = lines_starting(body, "DCGM_FI_PROF_PCIE_RX_BYTES{");
  ASSERT_EQ(rx.size(), 1u);
  EXPECT_TRUE(rx.front().ends_with("} 2.060399616e+09")) << rx.front();
}

}  // namespace
}  // namespace smistat::render
