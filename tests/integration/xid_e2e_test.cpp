// XID errors end to end: the real binary reads kernel lines from a FIFO (`--xid.source`) while
// serving a recorded machine, and an unreadable source leaves everything else working.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/config/temp_dir.hpp"
#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";
// GPU 1 of the recording sits at 00000000:2A:00.0.
const std::string gpu_1 = R"(gpu="1",UUID="GPU-00000000-0000-0000-0000-000000000001")";

std::string xid_state(const json::value& health) {
  const auto* xid = health.as_object().if_contains("xid");
  return xid ? std::string(xid->at("state").as_string()) : std::string();
}

std::int64_t xid_events(const json::value& health) {
  const auto* xid = health.as_object().if_contains("xid");
  return xid ? xid->at("events_total").as_int64() : -1;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(xid, kernel_lines_written_to_a_fifo_show_in_metrics_and_health) {
  temp_dir dir;
  const auto fifo = (dir.path() / "kmsg").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--xid.source", fifo});
  ASSERT_NE(server.port(), 0);
  // Reading, and the machine sampled: XIDs are matched to the GPUs of the sample.
  auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return xid_state(h) == "reading" && h.at("collection").at("last_success").is_string();
  });
  ASSERT_EQ(xid_state(health), "reading") << server.log();
  // As /dev/kmsg records: a GPU that fell off the bus, an exception without a pid on the same
  // GPU, and an address no GPU of the machine has.
  const std::string lines =
      "4,2001,81234567,-;NVRM: Xid (PCI:0000:2a:00): 79, pid=4242, name=python3, GPU has fallen "
      "off the bus.\n"
      "4,2002,81234570,-;NVRM: Xid (PCI:0000:2a:00): 13, Graphics SM Warp Exception on (GPC 0, "
      "TPC 0, SM 0): Out Of Range Address\n"
      "4,2003,81234575,-;NVRM: Xid (PCI:0000:ff:00): 48, pid=7, name=train, An uncorrectable "
      "double bit error\n";
  const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, lines.data(), lines.size()), static_cast<ssize_t>(lines.size()));
  ::close(fd);

  health =
      poll_json(server.port(), "/health", [](const json::value& h) { return xid_events(h) == 3; });
  ASSERT_EQ(xid_events(health), 3) << json::serialize(health);
  const auto& recent = health.at("xid").at("recent").as_array();
  ASSERT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent[0].at("pci_bus_id"), "00000000:FF:00.0");
  EXPECT_TRUE(recent[0].at("gpu").is_null());
  EXPECT_EQ(recent[2].at("gpu"), 1);
  EXPECT_EQ(recent[2].at("uuid"), "GPU-00000000-0000-0000-0000-000000000001");
  EXPECT_EQ(recent[2].at("xid"), 79);
  EXPECT_EQ(recent[2].at("pid"), 4242);
  EXPECT_EQ(recent[2].at("process_name"), "python3");
  EXPECT_EQ(recent[2].at("message"), "GPU has fallen off the bus.");
  EXPECT_TRUE(recent[1].at("pid").is_null());
  EXPECT_EQ(health.at("status"), "healthy");

  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(has_line(metrics, "smistat_xid_errors_total{" + gpu_1 + R"(,xid="79"} 1)"))
      << metrics;
  EXPECT_TRUE(has_line(metrics, "smistat_xid_errors_total{" + gpu_1 + R"(,xid="13"} 1)"));
  EXPECT_TRUE(has_line(metrics, "smistat_xid_last{" + gpu_1 + "} 13"));
  EXPECT_TRUE(has_line(metrics,
                       R"(smistat_xid_unmatched_total{pci_bus_id="00000000:FF:00.0",xid="48"} 1)"));
  EXPECT_NE(metrics.find("DCGM_FI_DEV_XID_ERRORS{" + gpu_1 + R"(,pci_bus_id="00000000:2A:00.0")"),
            std::string::npos);
}

TEST(xid, journald_runs_journalctl_and_reads_its_kernel_messages) {
  // A journalctl on PATH that checks its arguments, prints one kernel message and follows.
  temp_dir dir;
  const auto fake =
      dir.write("journalctl",
                "#!/bin/sh\n"
                "[ \"$*\" = \"-k -f -n 0 -o cat\" ] || { echo \"bad: $*\" >&2; exit 2; }\n"
                "echo 'NVRM: Xid (PCI:0000:2a:00): 94, pid=77, name=trainer, Contained "
                "ECC error'\n"
                "exec sleep 600\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  const char* path = std::getenv("PATH");
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--xid.source", "journald"},
                         {{"PATH", dir.path().string() + ":" + (path ? path : "/usr/bin:/bin")}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return xid_events(h) == 1 && h.at("collection").at("last_success").is_string();
  });
  ASSERT_EQ(xid_events(health), 1) << json::serialize(health) << server.log();
  EXPECT_EQ(xid_state(health), "reading");
  const auto& report = health.at("xid").at("recent").at(0);
  EXPECT_EQ(report.at("gpu"), 1);
  EXPECT_EQ(report.at("xid"), 94);
  EXPECT_EQ(report.at("process_name"), "trainer");
  EXPECT_TRUE(has_line(http_get(server.port(), "/metrics").body,
                       "smistat_xid_errors_total{" + gpu_1 + R"(,xid="94"} 1)"));
}

TEST(xid, an_unreadable_source_is_noted_and_the_server_keeps_serving) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--xid.source", "/nonexistent/kmsg"});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return xid_state(h) == "unavailable" && h.at("collection").at("last_success").is_string();
  });
  ASSERT_EQ(xid_state(health), "unavailable");
  EXPECT_EQ(health.at("xid").at("error"), "/nonexistent/kmsg: No such file or directory");
  EXPECT_EQ(health.at("status"), "healthy");
  EXPECT_EQ(http_get(server.port(), "/gpu/stats").status, 200u);
  const auto metrics = http_get(server.port(), "/metrics").body;
  EXPECT_TRUE(has_line(metrics, R"(smistat_xid_source_up{source="/nonexistent/kmsg"} 0)"));
  EXPECT_NE(metrics.find("DCGM_FI_DEV_GPU_TEMP{"), std::string::npos);
  EXPECT_EQ(metrics.find("DCGM_FI_DEV_XID_ERRORS"), std::string::npos);
  EXPECT_NE(server.log().find("XID errors are not read: /nonexistent/kmsg"), std::string::npos);
}

TEST(xid, none_turns_the_reader_off) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--xid.source", "none"});
  ASSERT_NE(server.port(), 0);
  const auto health = get_json(server.port(), "/health");
  EXPECT_EQ(xid_state(health), "off");
  EXPECT_EQ(http_get(server.port(), "/metrics").body.find("smistat_xid_"), std::string::npos);
}

}  // namespace
}  // namespace smistat::test
