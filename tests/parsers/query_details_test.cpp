#include "parsers/query_details.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

gpu_details details(std::string bus_id, std::string uuid, std::optional<double> tx,
                    std::optional<double> rx, std::optional<int> minor = std::nullopt) {
  return gpu_details{std::move(bus_id), std::move(uuid), tx, rx, {}, minor};
}

struct recorded_case {
  const char* machine;
  const char* file;
  std::size_t gpus;
  gpu_details first;
};

TEST(query_details, recorded_machines) {
  const std::string zero_uuid = "GPU-00000000-0000-0000-0000-000000000000";
  const recorded_case cases[] = {
      {"h100-80gb-hbm3__590.48.01", "q.load.txt", 1,
       details("00000000:00:09.0", zero_uuid, 3092, 6346, 0)},
      {"h100-80gb-hbm3-mig__590.48.01", "q.load.txt", 1,
       details("00000000:00:09.0", zero_uuid, 9139, 19191, 0)},
      {"h200-mig__590.48.01", "q.idle.txt", 1, details("00000000:83:00.0", zero_uuid, 376, 337, 0)},
      // Windows prints N/A for the minor number: there are no device nodes.
      {"geforce-rtx-2080-super-windows__591.86", "q.load.txt", 1,
       details("00000000:0C:00.0", zero_uuid, 121826, 1217138)},
      {"geforce-rtx-2080-super-windows__610.62", "q.idle.txt", 1,
       details("00000000:0C:00.0", zero_uuid, 0, 48)},
      {"l40s__595.80", "q.load.txt", 1, details("00000000:01:00.0", zero_uuid, 259423, 2012109, 0)},
      {"synthetic-8x-h100__590.48.01", "q.load.txt", 8,
       details("00000000:18:00.0", zero_uuid, 3092, 6346, 0)},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.machine) + "/" + c.file);
    const auto parsed =
        parse_query_details(test::read_file(test::fixtures_dir() / c.machine / c.file));
    ASSERT_EQ(parsed.size(), c.gpus);
    auto first = parsed.front();
    first.mig_devices.clear();  // mig_devices_of_recorded_machines checks them
    EXPECT_EQ(first, c.first);
  }
}

TEST(query_details, minor_numbers_follow_each_gpu_section) {
  const auto eight = parse_query_details(
      test::read_file(test::fixtures_dir() / "synthetic-8x-h100__590.48.01" / "q.load.txt"));
  ASSERT_EQ(eight.size(), 8u);
  for (std::size_t i = 0; i < eight.size(); ++i)
    EXPECT_EQ(eight[i].minor_number, static_cast<int>(i)) << eight[i].bus_id;
}

TEST(query_details, mig_devices_of_recorded_machines) {
  const auto h100 = parse_query_details(
      test::read_file(test::fixtures_dir() / "h100-80gb-hbm3-mig__590.48.01" / "q.load.txt"));
  ASSERT_EQ(h100.size(), 1u);
  const std::vector<mig_device_details> h100_migs{
      {0, 2, 0, 40448, 11091}, {1, 3, 0, 20096, 17}, {2, 9, 0, 9984, 9}, {3, 10, 0, 9984, 9}};
  EXPECT_EQ(h100.front().mig_devices, h100_migs);
  // Two compute instances share GPU instance 2, each seeing its whole memory.
  const auto h200 = parse_query_details(
      test::read_file(test::fixtures_dir() / "h200-mig__590.48.01" / "q.idle.txt"));
  ASSERT_EQ(h200.size(), 1u);
  const std::vector<mig_device_details> h200_migs{{0, 2, 0, 71424, 22},
                                                  {1, 2, 1, 71424, 22},
                                                  {2, 3, 0, 33280, 17},
                                                  {3, 9, 0, 16384, 9},
                                                  {4, 10, 0, 16384, 9}};
  EXPECT_EQ(h200.front().mig_devices, h200_migs);
  // The GPU's own values stay its own, not the last MIG block's.
  EXPECT_EQ(h200.front().uuid, "GPU-00000000-0000-0000-0000-000000000000");
  const auto plain = parse_query_details(
      test::read_file(test::fixtures_dir() / "h100-80gb-hbm3__590.48.01" / "q.load.txt"));
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_TRUE(plain.front().mig_devices.empty());
}

TEST(query_details, unknown_mig_values_stay_unknown) {
  const auto parsed = parse_query_details(
      "GPU 00000000:00:09.0\n"
      "    MIG Device\n"
      "        Index                 : 0\n"
      "        GPU Instance ID       : N/A\n"
      "        Compute Instance ID   : 0\n"
      "        Shared FB Memory Usage\n"
      "            Total             : 40 GiB\n"
      "            Used              : [N/A]\n"
      "        Shared BAR1 Memory\n"
      "            Total             : 24739 MiB\n"
      "    Tx Throughput             : 5 KB/s\n");
  ASSERT_EQ(parsed.size(), 1u);
  ASSERT_EQ(parsed[0].mig_devices.size(), 1u);
  const mig_device_details expected{0, std::nullopt, 0, std::nullopt, std::nullopt};
  EXPECT_EQ(parsed[0].mig_devices[0], expected);
  EXPECT_EQ(parsed[0].tx_throughput_kb_per_sec, 5.0);
}

// A number no device node can have (found by fuzzing: converting it to int was undefined).
TEST(query_details, a_minor_number_beyond_int_is_unknown) {
  for (const char* minor : {"1e300", "2147483648", "2.5", "-1"}) {
    const auto gpus = parse_query_details(std::string("GPU 00000000:18:00.0\n    Minor Number : ") +
                                          minor + "\n");
    ASSERT_EQ(gpus.size(), 1u) << minor;
    EXPECT_EQ(gpus[0].minor_number, std::nullopt) << minor;
  }
  const auto gpus = parse_query_details("GPU 00000000:18:00.0\n    Minor Number : 2147483647\n");
  ASSERT_EQ(gpus.size(), 1u);
  EXPECT_EQ(gpus[0].minor_number, 2147483647);
}

TEST(query_details, every_recording_yields_throughput_for_every_gpu) {
  for (const auto& dir : test::machine_dirs()) {
    for (const char* file : {"q.idle.txt", "q.load.txt"}) {
      if (!std::filesystem::exists(dir / file)) continue;
      SCOPED_TRACE((dir.filename() / file).string());
      const auto parsed = parse_query_details(test::read_file(dir / file));
      ASSERT_FALSE(parsed.empty());
      for (const auto& gpu : parsed) {
        EXPECT_TRUE(gpu.uuid.starts_with("GPU-"));
        EXPECT_TRUE(gpu.tx_throughput_kb_per_sec.has_value());
        EXPECT_TRUE(gpu.rx_throughput_kb_per_sec.has_value());
      }
    }
  }
}

TEST(query_details, synthetic_8x_keeps_sections_apart) {
  const auto parsed = parse_query_details(
      test::read_file(test::fixtures_dir() / "synthetic-8x-h100__590.48.01" / "q.load.txt"));
  ASSERT_EQ(parsed.size(), 8u);
  EXPECT_EQ(parsed[1].bus_id, "00000000:2A:00.0");
  EXPECT_EQ(parsed[1].uuid, "GPU-00000000-0000-0000-0000-000000000001");
  EXPECT_EQ(parsed[7].bus_id, "00000000:DB:00.0");
  EXPECT_EQ(parsed[7].tx_throughput_kb_per_sec, 352.0);
  EXPECT_EQ(parsed[7].rx_throughput_kb_per_sec, 329.0);
}

struct synthetic_case {
  const char* name;
  const char* text;
  std::vector<gpu_details> expected;
};

TEST(query_details, synthetic_inputs) {
  const synthetic_case cases[] = {
      {"empty", "", {}},
      {"not a -q output", "Failed to initialize NVML: Driver/library version mismatch\n", {}},
      {"header only", "==============NVSMI LOG==============\n\nAttached GPUs : 0\n", {}},
      {"values before any section are ignored", "    Tx Throughput : 5 KB/s\n", {}},
      {"n/a throughput",
       "GPU 00000000:01:00.0\n    GPU UUID : GPU-a\n        Tx Throughput : N/A\n"
       "        Rx Throughput : [N/A]\n",
       {details("00000000:01:00.0", "GPU-a", std::nullopt, std::nullopt)}},
      {"unexpected unit is unknown",
       "GPU 00000000:01:00.0\n        Tx Throughput : 5 MB/s\n        Rx Throughput : 7\n",
       {details("00000000:01:00.0", "", std::nullopt, 7.0)}},
      {"garbage and negative values",
       "GPU 00000000:01:00.0\n        Tx Throughput : fast\n        Rx Throughput : -3 KB/s\n",
       {details("00000000:01:00.0", "", std::nullopt, std::nullopt)}},
      {"missing lines stay unknown",
       "GPU 0000:02:00.0\n    GPU UUID : GPU-b\n",
       {details("0000:02:00.0", "GPU-b", std::nullopt, std::nullopt)}},
      {"crlf",
       "GPU 00000000:01:00.0\r\n    GPU UUID : GPU-c\r\n        Tx Throughput : 1 KB/s\r\n"
       "        Rx Throughput : 2 KB/s\r\n",
       {details("00000000:01:00.0", "GPU-c", 1.0, 2.0)}},
      {"first occurrence wins inside a section",
       "GPU 00000000:01:00.0\n    GPU UUID : GPU-d\n    Tx Throughput : 1 KB/s\n"
       "    GPU UUID : GPU-e\n    Tx Throughput : 9 KB/s\n",
       {details("00000000:01:00.0", "GPU-d", 1.0, std::nullopt)}},
      {"two sections",
       "GPU 00000000:01:00.0\n    Tx Throughput : 1 KB/s\nGPU 00000000:02:00.0\n"
       "    Tx Throughput : 2 KB/s\n",
       {details("00000000:01:00.0", "", 1.0, std::nullopt),
        details("00000000:02:00.0", "", 2.0, std::nullopt)}},
      {"unindented key-value lines open no section",
       "GPU UUID : GPU-x\nGPU Fabric : x\nGPU\nGPU two words\n",
       {}},
      {"a heading that is not a bus id opens no section (found by fuzzing)",
       "GPU 0\r00000\n    Tx Throughput : 1 KB/s\nGPU 1\"0\nGPU clocks\n",
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(parse_query_details(c.text), c.expected);
  }
}

}  // namespace
}  // namespace smistat::parsers
