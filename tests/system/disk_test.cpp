// Disk space: which mounts count (psutil.disk_partitions) and the original's de-duplication.
#include <gtest/gtest.h>

#include "src/system/disk_reader.hpp"
#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

constexpr std::uint64_t gib = std::uint64_t{1} << 30;

TEST(SystemDisk, BaseDeviceNameStripsTrailingDigitsOfTheLastPart) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"/dev/sda1", "sda"},
      {"/dev/sda", "sda"},
      {"/dev/sda12", "sda"},
      {"/dev/nvme0n1p1", "nvme0n1p"},
      {"/dev/nvme0n1", "nvme0n"},
      {"/dev/mapper/vg-home", "vg-home"},
      {"tank/datasets", "datasets"},
      {"/dev/md127", "md"},
      {"/dev/123", ""},
      {"", ""},
  };
  for (const auto& [device, base] : rows) EXPECT_EQ(base_device_name(device), base) << device;
}

TEST(SystemDisk, PhysicalPartitionsNeedADeviceAndAPhysicalType) {
  const auto types = physical_fs_types("nodev\tsysfs\n\text4\n\tvfat\nnodev\tzfs\nnodev\ttmpfs\n");
  EXPECT_EQ(types, (std::vector<std::string>{"ext4", "vfat", "zfs"}));
  const auto mounts = parse_mounts(
      "/dev/sda2 / ext4 rw 0 0\ntmpfs /run tmpfs rw 0 0\nnone /x ext4 rw 0 0\n"
      "pool/a /pool/a zfs rw 0 0\n/dev/sdb1 /mnt/My\\040Disk vfat rw 0 0\nshort line\n");
  ASSERT_EQ(mounts.size(), 5u);
  EXPECT_EQ(mounts[4].mount_point, "/mnt/My Disk");
  const auto parts = physical_partitions(mounts, types);
  std::vector<std::string> points;
  for (const auto& p : parts) points.push_back(p.mount_point);
  EXPECT_EQ(points, (std::vector<std::string>{"/", "/pool/a", "/mnt/My Disk"}));
}

TEST(SystemDisk, UsageMatchesPsutilDiskUsage) {
  // 100 blocks of 4 KiB, 30 free, 20 of them available to users (10 reserved for root).
  const auto usage = usage_of(fs_space{4096, 100, 30, 20});
  EXPECT_EQ(usage.total, 409600u);
  EXPECT_EQ(usage.used, 70u * 4096);
  EXPECT_EQ(usage.free, 20u * 4096);
  EXPECT_DOUBLE_EQ(usage.percent, 77.8);  // 70 / (70 + 20)
  EXPECT_DOUBLE_EQ(usage_of(fs_space{}).percent, 0.0);
}

TEST(SystemDisk, RecordedWorkstationCountsEachBaseDeviceOnce) {
  const auto root = test::host_tree("synthetic-workstation");
  const space_source space(root);
  const disk_usage sum = read_disk_usage(root, space);
  // Counted: / (sda), /data (nvme0n1p), /home (vg-home), /models (nvme1n), /tank/datasets.
  // Skipped: /boot/efi and /var/lib/docker (sda again), "/scratch space" (nvme0n1p again),
  // tmpfs, overlay, sysfs, proc, and the "none" device.
  EXPECT_EQ(sum.total, (100 + 1000 + 200 + 2000 + 1) * gib);
  EXPECT_EQ(sum.used, 60 * gib + 750 * gib + 150 * gib + 1000 * gib + gib / 2);
  EXPECT_EQ(sum.free, 35 * gib + 250 * gib + 40 * gib + 1000 * gib + gib / 2);
  EXPECT_DOUBLE_EQ(sum.percent, 59.7);
}

TEST(SystemDisk, AnUnreadableMountLeavesItsDeviceToALaterMount) {
  const auto root = test::host_tree("synthetic-workstation");
  const space_source space(root);
  // /nowhere has no statvfs reading: the original skips it without marking sdc as seen, so
  // /data on the same device is counted, and /home after it is not.
  const std::vector<mount_entry> parts = {{"/dev/sdc1", "/nowhere", "ext4"},
                                          {"/dev/sdc2", "/data", "xfs"},
                                          {"/dev/sdc3", "/home", "ext4"}};
  const disk_usage sum = sum_deduplicated(parts, space);
  EXPECT_EQ(sum.total, 1000 * gib);
  EXPECT_EQ(sum.used, 750 * gib);
}

TEST(SystemDisk, MissingMountsTableGivesZeros) {
  const auto root = std::filesystem::path(test::host_tree("synthetic-workstation")) / "etc";
  const disk_usage sum = read_disk_usage(root, space_source(root));
  EXPECT_EQ(sum.total, 0u);
  EXPECT_DOUBLE_EQ(sum.percent, 0.0);
}

}  // namespace
}  // namespace smistat::system
