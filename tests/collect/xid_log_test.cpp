// The XID log: counts per address and XID, the last report per address, a bounded list of
// recent ones, and the GPUs remembered at each address.
#include "src/collect/xid_log.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "parsers/query_csv.hpp"

namespace smistat::collect {
namespace {

const auto at = wall_clock::time_point(std::chrono::seconds(1'795'303'113));

std::string xid_at(const std::string& bus, int number, int pid) {
  return "6,1,2,-;NVRM: Xid (PCI:" + bus + "): " + std::to_string(number) +
         ", pid=" + std::to_string(pid) + ", name=python3, something failed";
}

TEST(XidLog, CountsReportsPerAddressAndXid) {
  xid_log log("/dev/kmsg");
  EXPECT_EQ(log.current()->state, xid_source_state::starting);
  const std::vector<std::string> lines = {xid_at("0000:3b:00", 79, 1), "usb 1-1: new device",
                                          xid_at("0000:3b:00", 13, 2), xid_at("0000:3b:00", 79, 3),
                                          xid_at("0000:86:00", 48, 4)};
  EXPECT_EQ(log.add_lines(lines, at), 4u);
  const auto r = log.current();
  EXPECT_EQ(r->events_total, 4u);
  EXPECT_EQ(r->counts.at({"00000000:3B:00.0", 79}), 2u);
  EXPECT_EQ(r->counts.at({"00000000:3B:00.0", 13}), 1u);
  EXPECT_EQ(r->counts.at({"00000000:86:00.0", 48}), 1u);
  EXPECT_EQ(r->last.at("00000000:3B:00.0").line.pid, 3);
  EXPECT_EQ(r->last.at("00000000:3B:00.0").read_at, at);
  ASSERT_EQ(r->recent.size(), 4u);
  EXPECT_EQ(r->recent.back().line.xid, 48);
}

TEST(XidLog, KeepsOnlyTheNewestReports) {
  xid_log log("/dev/kmsg");
  std::vector<std::string> lines;
  for (int pid = 0; pid < 100; ++pid) lines.push_back(xid_at("0000:3b:00", 31, pid));
  log.add_lines(lines, at);
  const auto r = log.current();
  ASSERT_EQ(r->recent.size(), xid_report::max_recent);
  EXPECT_EQ(r->recent.front().line.pid, 100 - static_cast<int>(xid_report::max_recent));
  EXPECT_EQ(r->recent.back().line.pid, 99);
  EXPECT_EQ(r->counts.at({"00000000:3B:00.0", 31}), 100u);
}

TEST(XidLog, MadeUpAddressesCannotGrowTheCountsWithoutBound) {
  xid_log log("/some/fifo");
  std::vector<std::string> lines;
  for (int bus = 0; bus < 256; ++bus)
    for (int device = 0; device < 8; ++device) {
      char address[16];
      std::snprintf(address, sizeof address, "0000:%02x:%02x", bus, device);
      lines.push_back(xid_at(address, 13, 1));
    }
  log.add_lines(lines, at);
  log.add_lines(std::vector<std::string>{xid_at("0000:00:00", 13, 2)}, at);
  const auto r = log.current();
  EXPECT_EQ(r->events_total, 2049u);
  EXPECT_EQ(r->counts.size(), 1024u);
  EXPECT_EQ(r->last.size(), 1024u);
  // A pair already counted keeps counting.
  EXPECT_EQ(r->counts.at({"00000000:00:00.0", 13}), 2u);
}

TEST(XidLog, LinesWithoutXidPublishNothing) {
  xid_log log("journald");
  const auto before = log.current();
  EXPECT_EQ(log.add_lines(std::vector<std::string>{"", "NVRM: Xid (PCI:0000:3b:00): 7"}, at), 0u);
  EXPECT_EQ(log.current(), before);
}

TEST(XidLog, StateAndNone) {
  EXPECT_EQ(xid_log("none").current()->state, xid_source_state::off);
  xid_log log("/dev/kmsg");
  log.set_state(xid_source_state::unavailable, "/dev/kmsg: Permission denied");
  EXPECT_EQ(log.current()->state, xid_source_state::unavailable);
  EXPECT_EQ(log.current()->error, "/dev/kmsg: Permission denied");
  EXPECT_EQ(log.current()->source, "/dev/kmsg");
}

TEST(XidLog, RemembersGpusAndPublishesOnlyChanges) {
  const std::vector<std::string> fields{"index", "uuid", "pci.bus_id"};
  const auto two = parsers::parse_query_csv(
      "0, GPU-aaaa, 00000000:3B:00.0\n1, GPU-bbbb, 00000000:86:00.0\n", fields, {false, false});
  ASSERT_TRUE(two.has_value());
  xid_log log("/dev/kmsg");
  log.remember_gpus(*two);
  const auto first = log.current();
  EXPECT_EQ(first->known_gpus.at("00000000:86:00.0"), (xid_gpu{"1", "GPU-bbbb"}));
  log.remember_gpus(*two);
  EXPECT_EQ(log.current(), first);
  // GPU 1 fell off the bus: it is gone from the sample and still known.
  const auto one =
      parsers::parse_query_csv("0, GPU-aaaa, 00000000:3B:00.0\n", fields, {false, false});
  log.remember_gpus(*one);
  EXPECT_EQ(log.current(), first);
  EXPECT_EQ(log.current()->known_gpus.size(), 2u);
}

}  // namespace
}  // namespace smistat::collect
