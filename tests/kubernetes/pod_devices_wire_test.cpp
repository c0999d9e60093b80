#include "src/kubernetes/pod_devices_wire.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smistat::kubernetes {
namespace {

pod_devices two_containers() {
  return {{"ml", "train-0", "trainer", "nvidia.com/gpu", {"GPU-aaaa", "GPU-bbbb::3"}},
          {"kube-system", "probe", "", "nvidia.com/mig-1g.10gb", {}}};
}

TEST(pod_devices_wire, a_list_survives_the_round_trip) {
  EXPECT_EQ(decode_pod_devices(encode_pod_devices(two_containers())), two_containers());
  EXPECT_EQ(decode_pod_devices(encode_pod_devices({})), pod_devices{});
}

TEST(pod_devices_wire, ids_with_separators_and_nul_bytes_stay_whole) {
  const std::string odd("a\tb\nc\0d", 7);
  const pod_devices devices{{"ns", "pod", "c", "nvidia.com/gpu", {odd, ""}}};
  const auto back = decode_pod_devices(encode_pod_devices(devices));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->at(0).device_ids.at(0), odd);
  EXPECT_EQ(back->at(0).device_ids.at(1), "");
}

TEST(pod_devices_wire, the_encoding_is_little_endian_lengths_then_bytes) {
  const auto bytes = encode_pod_devices({{"n", "p", "c", "r", {"i"}}});
  const std::string expected(
      "\1\0\0\0"
      "\1\0\0\0n\1\0\0\0p\1\0\0\0c\1\0\0\0r"
      "\1\0\0\0\1\0\0\0i",
      33);
  EXPECT_EQ(bytes, expected);
}

TEST(pod_devices_wire, every_truncation_is_refused) {
  const auto bytes = encode_pod_devices(two_containers());
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(decode_pod_devices(std::string_view(bytes).substr(0, n))) << n << " bytes";
}

TEST(pod_devices_wire, bytes_left_over_are_refused) {
  EXPECT_FALSE(decode_pod_devices(encode_pod_devices(two_containers()) + "x"));
}

TEST(pod_devices_wire, a_count_larger_than_the_bytes_is_refused_without_allocating_it) {
  EXPECT_FALSE(decode_pod_devices(std::string("\xff\xff\xff\xff", 4)));
  auto bytes = encode_pod_devices({{"n", "p", "c", "r", {}}});
  bytes.replace(bytes.size() - 4, 4, std::string("\xff\xff\xff\x7f", 4));
  EXPECT_FALSE(decode_pod_devices(bytes));
}

TEST(pod_devices_wire, text_is_not_a_list) {
  EXPECT_FALSE(decode_pod_devices("List failed: 14 failed to connect to all addresses"));
}

}  // namespace
}  // namespace smistat::kubernetes
