// XID reports as several driver generations wrote them, behind the prefixes of each way the
// kernel log is read (/dev/kmsg records, dmesg, syslog, journalctl), and lines that are not one.
#include "parsers/xid_line.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/line_buffer.hpp"

namespace smistat::parsers {
namespace {

struct xid_case {
  std::string name;
  std::string line;
  xid_line expected;
};

xid_line xid(std::string bus, int number, std::optional<std::int64_t> pid,
             std::optional<std::string> name, std::string message) {
  xid_line x;
  x.bus_id = std::move(bus);
  x.xid = number;
  x.pid = pid;
  x.process_name = std::move(name);
  x.message = std::move(message);
  return x;
}

const std::vector<xid_case> generations = {
    {"old driver, no pid, dmesg timestamp",
     "[24128.828315] NVRM: Xid (PCI:0000:01:00): 32, Channel ID 00000000 intr 00004000",
     xid("00000000:01:00.0", 32, std::nullopt, std::nullopt, "Channel ID 00000000 intr 00004000")},
    {"old driver, no PCI: in the address",
     "NVRM: Xid (0000:02:00): 13, 0003 00000000 0000a097 00001b0c 00001000 00000000",
     xid("00000000:02:00.0", 13, std::nullopt, std::nullopt,
         "0003 00000000 0000a097 00001b0c 00001000 00000000")},
    {"graphics exception without pid",
     "NVRM: Xid (PCI:0000:3b:00): 13, Graphics SM Warp Exception on (GPC 0, TPC 0, SM 0): Out Of "
     "Range Address",
     xid("00000000:3B:00.0", 13, std::nullopt, std::nullopt,
         "Graphics SM Warp Exception on (GPC 0, TPC 0, SM 0): Out Of Range Address")},
    {"pid without name", "NVRM: Xid (PCI:0000:0a:00): 43, pid=2143, Ch 00000008",
     xid("00000000:0A:00.0", 43, 2143, std::nullopt, "Ch 00000008")},
    {"pid and name, /dev/kmsg record",
     "6,1234,5678901,-;NVRM: Xid (PCI:0000:3b:00): 79, pid=1234, name=python3, GPU has fallen "
     "off the bus.",
     xid("00000000:3B:00.0", 79, 1234, "python3", "GPU has fallen off the bus.")},
    {"kmsg record with a caller id",
     "4,9876,123456789,-,caller=T4021;NVRM: Xid (PCI:0000:cb:00): 109, pid=1797828, "
     "name=pt_main_thread, Ch 00000008, errorString CTX SWITCH TIMEOUT, Info 0x58005",
     xid("00000000:CB:00.0", 109, 1797828, "pt_main_thread",
         "Ch 00000008, errorString CTX SWITCH TIMEOUT, Info 0x58005")},
    {"unknown pid and name (GSP drivers)",
     "[Fri Aug 30 11:43:09 2024] NVRM: Xid (PCI:0000:cb:00): 13, pid='<unknown>', "
     "name=<unknown>, Graphics Exception: ESR 0x57c730=0xc04000b",
     xid("00000000:CB:00.0", 13, std::nullopt, std::nullopt,
         "Graphics Exception: ESR 0x57c730=0xc04000b")},
    {"journalctl -o cat, plain",
     "NVRM: Xid (PCI:0000:9b:00): 94, pid=4242, name=python3, Contained ECC error",
     xid("00000000:9B:00.0", 94, 4242, "python3", "Contained ECC error")},
    {"syslog line",
     "Dec  6 04:31:01 node7 kernel: [ 8123.004512] NVRM: Xid (PCI:0000:dc:00): 45, "
     "pid=1818990, name=python3, Ch 00000001 caused by previous Xid 149",
     xid("00000000:DC:00.0", 45, 1818990, "python3", "Ch 00000001 caused by previous Xid 149")},
    {"non-zero domain, NVLink XID without pid",
     "NVRM: Xid (PCI:0019:01:00): 149, NETIR Fatal XC0 i0 Link -1 (0x000fe406 0x00000000)",
     xid("00000019:01:00.0", 149, std::nullopt, std::nullopt,
         "NETIR Fatal XC0 i0 Link -1 (0x000fe406 0x00000000)")},
    {"recovery action, trailing CR",
     "NVRM: Xid (PCI:0000:ca:00): 154, GPU recovery action changed from 0x0 (None) to 0x1 (GPU "
     "Reset Required)\r",
     xid("00000000:CA:00.0", 154, std::nullopt, std::nullopt,
         "GPU recovery action changed from 0x0 (None) to 0x1 (GPU Reset Required)")},
    {"quoted pid", "NVRM: Xid (PCI:0000:3b:00): 31, pid='77', name=Xorg, Ch 00000010",
     xid("00000000:3B:00.0", 31, 77, "Xorg", "Ch 00000010")},
};

TEST(XidLine, ReadsEveryGeneration) {
  for (const auto& c : generations) {
    SCOPED_TRACE(c.name);
    const auto parsed = parse_xid_line(c.line);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->bus_id, c.expected.bus_id);
    EXPECT_EQ(parsed->xid, c.expected.xid);
    EXPECT_EQ(parsed->pid, c.expected.pid);
    EXPECT_EQ(parsed->process_name, c.expected.process_name);
    EXPECT_EQ(parsed->message, c.expected.message);
  }
}

TEST(XidLine, IgnoresOtherLinesPartsAndGarbage) {
  const std::vector<std::string> not_xid = {
      "",
      "NVRM: GPU at PCI:0000:3b:00: GPU-6a4ab5a4-d9f1-e1a7-d26e-1cd3d9fe6fa4",
      "NVRM: GPU 0000:09:00.0: RmInitAdapter failed! (0x22:0x56:894)",
      "NVRM: Xid (PCI:0000:3b:00): 79",               // cut before the description
      "NVRM: Xid (PCI:0000:3b:00): 7",                // cut inside the number
      "NVRM: Xid (PCI:0000:3b:00",                    // cut inside the address
      "NVRM: Xid (PCI:0000:3b:00): , pid=1, name=x",  // no number
      "NVRM: Xid (PCI:0000:3b:00): -79, message",
      "NVRM: Xid (PCI:0000:3b:00): 79x, message",
      "NVRM: Xid (PCI:0000:3g:00): 79, message",  // not hex
      "NVRM: Xid (PCI:banana): 79, message",
      "NVRM: Xid (PCI:0000:3b:00:00:00): 79, message",
      "NVRM: Xid (PCI:0000:3b:00.9): 79, message",  // no function 9
      "NVRM: Xid (PCI:0000:3b:00): 123456, message",
      "\xff\xfe NVRM: Xid (\x01",
  };
  for (const auto& line : not_xid) EXPECT_FALSE(parse_xid_line(line).has_value()) << line;
}

TEST(XidLine, KeepsWhatFollowsAnUnreadablePid) {
  const auto x = parse_xid_line("NVRM: Xid (PCI:0000:3b:00): 79, pid=abc, name=, GPU gone");
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(x->pid, std::nullopt);
  EXPECT_EQ(x->process_name, std::nullopt);
  EXPECT_EQ(x->message, "GPU gone");
}

TEST(BusId, NormalisesToNvidiaSmisForm) {
  EXPECT_EQ(normalise_bus_id("0000:3b:00"), "00000000:3B:00.0");
  EXPECT_EQ(normalise_bus_id("0000:3b:00.1"), "00000000:3B:00.1");
  EXPECT_EQ(normalise_bus_id("00000000:3B:00.0"), "00000000:3B:00.0");
  EXPECT_EQ(normalise_bus_id("3b:00.0"), "00000000:3B:00.0");
  EXPECT_EQ(normalise_bus_id("10000:e0:1f"), "00010000:E0:1F.0");
  EXPECT_EQ(normalise_bus_id(""), std::nullopt);
  EXPECT_EQ(normalise_bus_id("[N/A]"), std::nullopt);
  EXPECT_EQ(normalise_bus_id("123456789:00:00.0"), std::nullopt);
}

TEST(LineBuffer, JoinsLinesSplitAcrossReads) {
  line_buffer b;
  EXPECT_TRUE(b.feed("NVRM: Xid (PCI:0000:3b").empty());
  EXPECT_TRUE(b.feed(":00): 79, pid=1, ").empty());
  const auto lines = b.feed("name=a, gone\r\nsecond\nthi");
  EXPECT_EQ(lines, (std::vector<std::string>{"NVRM: Xid (PCI:0000:3b:00): 79, pid=1, name=a, gone",
                                             "second"}));
  EXPECT_EQ(b.finish(), "thi");
  EXPECT_EQ(b.finish(), "");
}

TEST(LineBuffer, DropsAnOverlongLineAndGoesOn) {
  line_buffer b(8);
  EXPECT_EQ(b.feed("short\n0123456789"), std::vector<std::string>{"short"});
  EXPECT_TRUE(b.feed("more of the same").empty());
  EXPECT_EQ(b.feed(" end\nnext\n"), std::vector<std::string>{"next"});
  EXPECT_EQ(b.dropped(), 1u);
}

}  // namespace
}  // namespace smistat::parsers
