#include "src/kubernetes/device_id_form.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>

namespace smistat::kubernetes {
namespace {

TEST(kubernetes_id_form, is_told_from_the_id_itself) {
  const std::pair<std::string_view, device_id_form> cases[] = {
      {"GPU-0ab1c2d3-1111-2222-3333-444455556666", device_id_form::uuid},
      {"nvidia0", device_id_form::minor},
      {"nvidia15", device_id_form::minor},
      {"MIG-0ab1c2d3-1111-2222-3333-444455556666", device_id_form::mig},
      {"MIG-GPU-0ab1c2d3-1111-2222-3333-444455556666/1/0", device_id_form::mig},
      {"GPU-0ab1c2d3-1111-2222-3333-444455556666::0", device_id_form::replica},
      {"nvidia3::12", device_id_form::replica},
      {"MIG-0ab1c2d3-1111-2222-3333-444455556666::2", device_id_form::replica},
      {"nvidia", device_id_form::unknown},
      {"nvidia-3", device_id_form::unknown},
      {"nvidia3x", device_id_form::unknown},
      {"GPU-", device_id_form::unknown},
      {"gpu-slot-7", device_id_form::unknown},
      {"0000:3b:00.0", device_id_form::unknown},
      {"GPU-abc::", device_id_form::uuid},
      {"GPU-abc::x", device_id_form::uuid},
      {"", device_id_form::unknown},
  };
  for (const auto& [id, want] : cases)
    EXPECT_EQ(device_id_form_name(detect_device_id_form(id)), device_id_form_name(want)) << id;
}

TEST(kubernetes_id_form, a_replica_suffix_is_stripped_only_when_numeric) {
  EXPECT_EQ(replica_base("GPU-a::3"), "GPU-a");
  EXPECT_EQ(replica_base("nvidia1::0"), "nvidia1");
  EXPECT_EQ(replica_base("GPU-a::b"), "GPU-a::b");
  EXPECT_EQ(replica_base("::3"), "::3");
  EXPECT_EQ(replica_base("GPU-a"), "GPU-a");
}

TEST(kubernetes_id_form, minor_numbers_and_old_mig_parents_are_read) {
  EXPECT_EQ(device_minor("nvidia7"), 7);
  EXPECT_EQ(device_minor("nvidia"), -1);
  EXPECT_EQ(device_minor("nvidia99999999999"), -1);
  EXPECT_EQ(device_minor("GPU-a"), -1);
  EXPECT_EQ(mig_parent_uuid("MIG-GPU-0ab1/7/0"), "GPU-0ab1");
  EXPECT_EQ(mig_parent_uuid("MIG-0ab1"), "");
}

}  // namespace
}  // namespace smistat::kubernetes
