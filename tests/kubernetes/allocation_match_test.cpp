#include "src/kubernetes/allocation_match.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/contracts/prometheus/metrics_snapshots.hpp"

namespace smistat::kubernetes {
namespace {

constexpr std::string_view four_gpus =
    "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
    "1, GPU-bbbb, NVIDIA H100, 00000000:02:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
    "2, GPU-cccc, NVIDIA H100, 00000000:03:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
    "3, GPU-dddd, NVIDIA H100, 00000000:04:00.0, 590.48.01, 45, 120.5, 1000, 35\n";

std::vector<gpu_identity> gpus() { return gpu_identities_of(test::small_snapshot(four_gpus)); }

container_devices holder(std::string ns, std::string pod, std::vector<std::string> ids,
                         std::string resource = "nvidia.com/gpu") {
  return {std::move(ns), std::move(pod), "main", std::move(resource), std::move(ids)};
}

collect::pod_allocation alloc(std::string ns, std::string pod, bool shared = false) {
  return {std::move(ns), std::move(pod), "main", shared};
}

TEST(kubernetes_match, gpu_uuids_name_their_gpus) {
  const auto m = match_allocations(
      {holder("ml", "train", {"GPU-aaaa", "GPU-bbbb"}), holder("ml", "infer", {"GPU-dddd"})},
      gpus());
  EXPECT_EQ(m.devices_seen, 3u);
  EXPECT_EQ(m.devices_matched, 3u);
  EXPECT_EQ(m.id_form, "uuid");
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-aaaa"), alloc("ml", "train"));
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-bbbb"), alloc("ml", "train"));
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-dddd"), alloc("ml", "infer"));
  EXPECT_EQ(m.gpus_without_pod, std::vector<std::string>{"2"});
}

TEST(kubernetes_match, device_names_name_the_gpu_of_that_minor_number) {
  const auto m = match_allocations({holder("ml", "train", {"nvidia1", "nvidia3"})}, gpus());
  EXPECT_EQ(m.devices_matched, 2u);
  EXPECT_EQ(m.id_form, "minor");
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-bbbb"), alloc("ml", "train"));
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-dddd"), alloc("ml", "train"));
  EXPECT_EQ(m.gpus_without_pod, (std::vector<std::string>{"0", "2"}));
}

TEST(kubernetes_match, the_minor_number_of_the_details_wins_over_the_index) {
  auto s = test::small_snapshot(four_gpus);
  // Device nodes numbered in another order than nvidia-smi's indexes.
  s.details = {{"00000000:01:00.0", "GPU-aaaa", {}, {}, {}, 3},
               {"00000000:04:00.0", "GPU-dddd", {}, {}, {}, 0}};
  const auto m = match_allocations({holder("ml", "train", {"nvidia0"})}, gpu_identities_of(s));
  EXPECT_EQ(m.devices_matched, 1u);
  EXPECT_EQ(m.by_gpu_uuid.count("GPU-aaaa"), 0u);
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-dddd"), alloc("ml", "train"));
}

TEST(kubernetes_match, an_index_no_device_node_can_have_gives_no_minor_number) {
  auto s = test::small_snapshot(four_gpus);
  s.details = {};  // no `Minor Number` to take instead
  const int column = s.gpus.column("index");
  ASSERT_GE(column, 0);
  for (const char* index : {"1e300", "2147483648", "2.5", "-1"}) {
    s.gpus.rows[0][static_cast<std::size_t>(column)] = parsers::make_cell(index);
    EXPECT_EQ(gpu_identities_of(s).at(0).minor, -1) << index;
  }
  s.gpus.rows[0][static_cast<std::size_t>(column)] = parsers::make_cell("7");
  EXPECT_EQ(gpu_identities_of(s).at(0).minor, 7);
}

TEST(kubernetes_match, mig_devices_name_their_parent_gpu) {
  auto s = test::small_snapshot(four_gpus);
  s.facts.listed = {{0, "NVIDIA H100", "GPU-aaaa", {{"3g.40gb", 0, "MIG-1111"}}},
                    {1, "NVIDIA H100", "GPU-bbbb", {{"1g.10gb", 0, "MIG-2222"}}}};
  const auto m = match_allocations({holder("ml", "a", {"MIG-1111"}, "nvidia.com/mig-3g.40gb"),
                                    holder("ml", "b", {"MIG-GPU-cccc/1/0"}, "nvidia.com/gpu")},
                                   gpu_identities_of(s));
  EXPECT_EQ(m.devices_matched, 2u);
  EXPECT_EQ(m.id_form, "mig");
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-aaaa"), alloc("ml", "a"));
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-cccc"), alloc("ml", "b"));
}

TEST(kubernetes_match, a_gpu_shared_by_replicas_goes_to_the_first_pod_by_name_in_any_order) {
  const pod_devices forward{holder("team-a", "job", {"GPU-bbbb::0"}),
                            holder("team-b", "job", {"GPU-bbbb::1"})};
  const pod_devices backward{forward[1], forward[0]};
  for (const auto& devices : {forward, backward}) {
    const auto m = match_allocations(devices, gpus());
    EXPECT_EQ(m.devices_matched, 2u);
    EXPECT_EQ(m.id_form, "replica");
    EXPECT_EQ(m.by_gpu_uuid.at("GPU-bbbb"), alloc("team-a", "job", true));
  }
}

TEST(kubernetes_match, two_devices_of_one_gpu_in_one_container_are_not_sharing) {
  const auto m = match_allocations({holder("ml", "a", {"GPU-aaaa::0", "GPU-aaaa::1"})}, gpus());
  EXPECT_EQ(m.by_gpu_uuid.at("GPU-aaaa"), alloc("ml", "a", false));
}

TEST(kubernetes_match, other_resources_and_pods_without_devices_are_ignored) {
  const auto m = match_allocations(
      {holder("net", "sriov", {"0000:3b:02.0"}, "intel.com/sriov"), holder("web", "x", {}, "")},
      gpus());
  EXPECT_EQ(m.nvidia_resources, 0u);
  EXPECT_EQ(m.devices_seen, 0u);
  EXPECT_EQ(m.id_form, "");
  EXPECT_TRUE(m.by_gpu_uuid.empty());
  EXPECT_EQ(m.gpus_without_pod.size(), 4u);
}

TEST(kubernetes_match, ids_of_an_unknown_form_or_of_no_gpu_here_are_counted_unmatched) {
  const auto m = match_allocations(
      {holder("ml", "a", {"gpu-slot-7", "GPU-ffff", "nvidia9", "GPU-aaaa"})}, gpus());
  EXPECT_EQ(m.devices_seen, 4u);
  EXPECT_EQ(m.devices_matched, 1u);
  EXPECT_EQ(m.id_form, "minor,unknown,uuid");
  EXPECT_EQ(m.first_unmatched, "gpu-slot-7");
}

TEST(kubernetes_match, nothing_to_match_before_the_first_sample) {
  const auto m = match_allocations({holder("ml", "a", {"GPU-aaaa"})}, {});
  EXPECT_EQ(m.devices_seen, 1u);
  EXPECT_EQ(m.devices_matched, 0u);
  EXPECT_TRUE(m.gpus_without_pod.empty());
}

}  // namespace
}  // namespace smistat::kubernetes
