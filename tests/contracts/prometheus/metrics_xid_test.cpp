// The XID families: counters per GPU and XID, the last XID, reports at an address no GPU was
// seen at, a GPU that fell off the bus, and dcgm-exporter's last-value gauge.
#include "src/contracts/prometheus/metrics_xid.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/collect/xid_log.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"

namespace smistat::render {
namespace {

using test::lines_starting;

constexpr std::string_view two_gpus =
    "0, GPU-aaaa, NVIDIA H100, 00000000:3B:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
    "1, GPU-bbbb, NVIDIA H100, 00000000:86:00.0, 590.48.01, 41, 110.0, 900, 20\n";

const auto read_at = collect::wall_clock::time_point(std::chrono::seconds(1'795'303'200));

std::shared_ptr<const collect::xid_report> report_of(const std::vector<std::string>& lines) {
  collect::xid_log log("/dev/kmsg");
  log.set_state(collect::xid_source_state::reading);
  log.add_lines(lines, read_at);
  return log.current();
}

const std::vector<std::string> kernel_lines = {
    "6,100,5000,-;NVRM: Xid (PCI:0000:3b:00): 13, pid=10, name=python3, Graphics SM Warp "
    "Exception",
    "6,101,5001,-;NVRM: Xid (PCI:0000:3b:00): 31, pid=10, name=python3, Ch 00000008",
    "6,102,5002,-;NVRM: Xid (PCI:0000:3b:00): 13, pid=11, name=python3, Graphics SM Warp "
    "Exception",
    "6,103,5003,-;NVRM: Xid (PCI:0000:c1:00): 79, pid=12, name=python3, GPU has fallen off the "
    "bus.",
};

TEST(MetricsXid, CountsPerGpuAndXidWithTheLastOne) {
  const auto s = test::small_snapshot(two_gpus);
  const auto out = render_xid_metrics(s, *report_of(kernel_lines),
                                      test::fixed_settings(metrics_profile::nvidia_smi));
  EXPECT_EQ(lines_starting(out, "smistat_xid_source_up"),
            std::vector<std::string>{"smistat_xid_source_up{source=\"/dev/kmsg\"} 1"});
  EXPECT_EQ(lines_starting(out, "smistat_xid_errors_total"),
            (std::vector<std::string>{
                "smistat_xid_errors_total{gpu=\"0\",UUID=\"GPU-aaaa\",xid=\"13\"} 2",
                "smistat_xid_errors_total{gpu=\"0\",UUID=\"GPU-aaaa\",xid=\"31\"} 1"}));
  EXPECT_EQ(lines_starting(out, "# TYPE smistat_xid_errors_total"),
            std::vector<std::string>{"# TYPE smistat_xid_errors_total counter"});
  EXPECT_EQ(lines_starting(out, "smistat_xid_last{"),
            std::vector<std::string>{"smistat_xid_last{gpu=\"0\",UUID=\"GPU-aaaa\"} 13"});
  EXPECT_EQ(lines_starting(out, "smistat_xid_last_timestamp_seconds{"),
            std::vector<std::string>{
                "smistat_xid_last_timestamp_seconds{gpu=\"0\",UUID=\"GPU-aaaa\"} 1.7953032e+09"});
  // No GPU was ever seen at c1:00: counted with its address.
  EXPECT_EQ(lines_starting(out, "smistat_xid_unmatched_total"),
            std::vector<std::string>{
                "smistat_xid_unmatched_total{pci_bus_id=\"00000000:C1:00.0\",xid=\"79\"} 1"});
  // nvidia_gpu_exporter has no XID series of its own.
  EXPECT_TRUE(lines_starting(out, "DCGM_").empty());
}

TEST(MetricsXid, AGpuThatFellOffTheBusKeepsItsLabels) {
  const auto before = test::small_snapshot(two_gpus);
  collect::xid_log log("/dev/kmsg");
  log.set_state(collect::xid_source_state::reading);
  log.remember_gpus(before.gpus);
  log.add_lines(std::vector<std::string>{"NVRM: Xid (PCI:0000:86:00): 79, pid=1, name=x, GPU has "
                                         "fallen off the bus."},
                read_at);
  const auto after = test::small_snapshot(
      "0, GPU-aaaa, NVIDIA H100, 00000000:3B:00.0, 590.48.01, 45, 120.5, 1000, 35\n");
  const auto out =
      render_xid_metrics(after, *log.current(), test::fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(lines_starting(out, "smistat_xid_errors_total{"),
            std::vector<std::string>{
                "smistat_xid_errors_total{gpu=\"1\",UUID=\"GPU-bbbb\",xid=\"79\"} 1"});
  EXPECT_TRUE(lines_starting(out, "smistat_xid_unmatched_total").empty());
}

TEST(MetricsXid, DcgmGaugeIsTheLastXidAndZeroWithoutOne) {
  const auto s = test::small_snapshot(two_gpus);
  const auto out =
      render_xid_metrics(s, *report_of(kernel_lines), test::fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(
      lines_starting(out, "DCGM_FI_DEV_XID_ERRORS{"),
      (std::vector<std::string>{
          "DCGM_FI_DEV_XID_ERRORS{gpu=\"0\",UUID=\"GPU-aaaa\",pci_bus_id=\"00000000:3B:00.0\","
          "device=\"nvidia0\",modelName=\"NVIDIA H100\",Hostname=\"node-1\","
          "DCGM_FI_DRIVER_VERSION=\"590.48.01\"} 13",
          "DCGM_FI_DEV_XID_ERRORS{gpu=\"1\",UUID=\"GPU-bbbb\",pci_bus_id=\"00000000:86:00.0\","
          "device=\"nvidia1\",modelName=\"NVIDIA H100\",Hostname=\"node-1\","
          "DCGM_FI_DRIVER_VERSION=\"590.48.01\"} 0"}));
  EXPECT_EQ(lines_starting(out, "# TYPE DCGM_FI_DEV_XID_ERRORS"),
            std::vector<std::string>{"# TYPE DCGM_FI_DEV_XID_ERRORS gauge"});
}

TEST(MetricsXid, AnUnreadLogClaimsNoZero) {
  const auto s = test::small_snapshot(two_gpus);
  collect::xid_log log("/dev/kmsg");
  log.set_state(collect::xid_source_state::unavailable, "/dev/kmsg: Permission denied");
  const auto out =
      render_xid_metrics(s, *log.current(), test::fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(lines_starting(out, "smistat_xid_source_up"),
            std::vector<std::string>{"smistat_xid_source_up{source=\"/dev/kmsg\"} 0"});
  EXPECT_TRUE(lines_starting(out, "DCGM_FI_DEV_XID_ERRORS").empty());
  EXPECT_TRUE(lines_starting(out, "smistat_xid_errors_total").empty());
}

TEST(MetricsXid, OffRendersNothing) {
  const auto s = test::small_snapshot(two_gpus);
  EXPECT_EQ(render_xid_metrics(s, *collect::xid_log("none").current(),
                               test::fixed_settings(metrics_profile::dcgm)),
            "");
}

}  // namespace
}  // namespace smistat::render
