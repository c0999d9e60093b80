// Masking: every identity replaced by a same-shaped, numbered fake, consistently across files;
// everything else byte for byte.
#include "src/record/identity_mask.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smistat::record {
namespace {

constexpr const char* real_a = "GPU-5f3c9a4e-1b2d-4c6e-8f0a-9b8c7d6e5f4a";
constexpr const char* real_b = "GPU-0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6";

std::vector<recorded_file> masked(std::vector<recorded_file> files,
                                  std::vector<std::string> hostnames = {}) {
  identity_mask mask(std::move(hostnames));
  return mask_recording(std::move(files), mask);
}

TEST(identity_mask, gpu_uuids_are_numbered_in_list_order_in_every_file) {
  const std::string list = std::string("GPU 0: NVIDIA H100 (UUID: ") + real_a + ")\n" +
                           "GPU 1: NVIDIA H100 (UUID: " + real_b + ")\n";
  const std::string query = std::string("index, uuid\n1, ") + real_b + "\n0, " + real_a + "\n";
  // Given out of reading order: -q first, yet GPU numbers follow -L.
  const auto out = masked({{"q.idle.txt", std::string("    GPU UUID : ") + real_b + "\n"},
                           {"query-gpu.idle.csv", query},
                           {"list-gpus.txt", list}});
  EXPECT_EQ(out[2].text,
            "GPU 0: NVIDIA H100 (UUID: GPU-00000000-0000-0000-0000-000000000000)\n"
            "GPU 1: NVIDIA H100 (UUID: GPU-00000000-0000-0000-0000-000000000001)\n");
  EXPECT_EQ(out[1].text,
            "index, uuid\n1, GPU-00000000-0000-0000-0000-000000000001\n"
            "0, GPU-00000000-0000-0000-0000-000000000000\n");
  EXPECT_EQ(out[0].text, "    GPU UUID : GPU-00000000-0000-0000-0000-000000000001\n");
}

TEST(identity_mask, mig_and_fabric_uuids_keep_their_shape) {
  const auto out =
      masked({{"list-gpus.txt",
               "  MIG 3g.40gb Device 0: (UUID: MIG-8c1f2e3d-4a5b-5c6d-9e7f-0a1b2c3d4e5f)\n"
               "  MIG 1g.10gb Device 1: (UUID: MIG-1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d)\n"},
              {"q.load.txt", "        ClusterUUID : 2c7e9d1a-3b4f-4a5e-8d6c-7f8e9a0b1c2d\n"},
              // The pre-R470 MIG name embeds the GPU's UUID: it gets the GPU's fake.
              {"compute-apps.load.csv", std::string("x\nMIG-") + real_a + "/1/0\n"}});
  EXPECT_EQ(out[0].text,
            "  MIG 3g.40gb Device 0: (UUID: MIG-00000000-0000-0000-0000-000000000000)\n"
            "  MIG 1g.10gb Device 1: (UUID: MIG-00000001-0000-0000-0000-000000000001)\n");
  EXPECT_EQ(out[1].text, "        ClusterUUID : 00000000-0000-0000-0000-000000000000\n");
  EXPECT_EQ(out[2].text, "x\nMIG-GPU-00000000-0000-0000-0000-000000000000/1/0\n");
}

TEST(identity_mask, serial_columns_get_the_same_fake_in_both_queries) {
  const auto out =
      masked({{"query-gpu.idle.csv",
               "index, serial, clocks_event_reasons.active\n0, 1654922012345, 0x0000000000000001\n"
               "1, 1654922054321, 0x0000000000000004\n"},
              {"compute-apps.idle.csv",
               "timestamp, gpu_serial, pid\n2026/07/14 08:12:53.500, 1654922054321, 11327\n"}});
  // Same length, numbered; the bitmask beside it is data and stays.
  EXPECT_EQ(out[0].text,
            "index, serial, clocks_event_reasons.active\n0, 0000000000000, 0x0000000000000001\n"
            "1, 0000000000001, 0x0000000000000004\n");
  EXPECT_EQ(out[1].text,
            "timestamp, gpu_serial, pid\n2026/07/14 08:12:53.500, 0000000000001, 11327\n");
}

TEST(identity_mask, details_lines_mask_serial_pdi_and_keep_part_numbers) {
  const std::string q =
      "    Serial Number                          : 1654922012345\n"
      "    GPU PDI                                : 0x7f8dedcec96ce17f\n"
      "    Board Part Number                      : 692-2G520-0200-000\n"
      "        Chassis Serial Number              : N/A\n"
      "        GPU Fabric GUID                    : [Not Supported]\n"
      "    Bus Id                                 : 00000000:18:00.0\n";
  const auto out = masked({{"q.idle.txt", q}});
  EXPECT_EQ(out[0].text,
            "    Serial Number                          : 0000000000000\n"
            "    GPU PDI                                : 0x0000000000000000\n"
            "    Board Part Number                      : 692-2G520-0200-000\n"
            "        Chassis Serial Number              : N/A\n"
            "        GPU Fabric GUID                    : [Not Supported]\n"
            "    Bus Id                                 : 00000000:18:00.0\n");
}

TEST(identity_mask, xml_elements_mask_like_their_q_lines) {
  const std::string q =
      "    Serial Number                          : 1654922012345\n"
      "    GPU UUID                               : GPU-5f3c9a4e-1b2d-4c6e-8f0a-9b8c7d6e5f4a\n"
      "    GPU PDI                                : 0x7f8dedcec96ce17f\n";
  const std::string xml =
      "\t<gpu id=\"00000000:18:00.0\">\n"
      "\t\t<serial>1654922012345</serial>\n"
      "\t\t<uuid>GPU-5f3c9a4e-1b2d-4c6e-8f0a-9b8c7d6e5f4a</uuid>\n"
      "\t\t<pdi>0x7f8dedcec96ce17f</pdi>\n"
      "\t\t<board_part_number>692-2G520-0200-000</board_part_number>\n"
      "\t\t\t<chassis_serial_number>N/A</chassis_serial_number>\n"
      "\t\t\t<gpu_fabric_guid>0x00000000cafe0001</gpu_fabric_guid>\n";
  const auto out = masked({{"q-x.load.xml", xml}, {"q.load.txt", q}});
  EXPECT_EQ(out[0].text,
            "\t<gpu id=\"00000000:18:00.0\">\n"
            "\t\t<serial>0000000000000</serial>\n"
            "\t\t<uuid>GPU-00000000-0000-0000-0000-000000000000</uuid>\n"
            "\t\t<pdi>0x0000000000000000</pdi>\n"
            "\t\t<board_part_number>692-2G520-0200-000</board_part_number>\n"
            "\t\t\t<chassis_serial_number>N/A</chassis_serial_number>\n"
            "\t\t\t<gpu_fabric_guid>0x0000000000000000</gpu_fabric_guid>\n");
  // The same machine in both files: the same fakes.
  EXPECT_NE(out[1].text.find(": 0000000000000\n"), std::string::npos) << out[1].text;
  EXPECT_NE(out[1].text.find(": 0x0000000000000000\n"), std::string::npos) << out[1].text;
}

TEST(identity_mask, placeholders_are_not_identities) {
  const std::string csv = "serial, uuid\n[N/A], [N/A]\nN/A, \n";
  EXPECT_EQ(masked({{"query-gpu.idle.csv", csv}})[0].text, csv);
}

TEST(identity_mask, host_names_are_replaced_as_whole_words_only) {
  const auto out = masked({{"compute-apps.load.csv",
                            "/srv/gpu/node-a1/run node-a1 node-a10 xnode-a1 utilization.gpu\n"}},
                          {"node-a1", "gpu"});
  EXPECT_EQ(
      out[0].text,
      "/srv/redacted-host/redacted-host/run redacted-host node-a10 xnode-a1 utilization.gpu\n");
}

TEST(identity_mask, text_without_identities_is_unchanged_byte_for_byte) {
  const std::string banner =
      "| NVIDIA-SMI 590.48.01   Driver Version: 590.48.01   CUDA Version: 13.1 |\r\n"
      "|   0  NVIDIA H100 80GB HBM3   On  |   00000000:00:09.0 Off |   0 |";
  EXPECT_EQ(masked({{"banner.idle.txt", banner}})[0].text, banner);
}

TEST(identity_mask, a_uuid_glued_to_other_hex_is_not_one) {
  const std::string text =
      "a5f3c9a4e-1b2d-4c6e-8f0a-9b8c7d6e5f4a 5f3c9a4e-1b2d-4c6e-8f0a-9b8c7d6e5f4ab\n";
  EXPECT_EQ(masked({{"q.idle.txt", text}})[0].text, text);
}

TEST(identity_mask, counts_distinct_values_per_kind) {
  identity_mask mask;
  mask.mask({"list-gpus.txt", std::string(real_a) + " " + real_a + " " + real_b});
  EXPECT_EQ(mask.count(identity_kind::gpu_uuid), 2u);
  EXPECT_EQ(mask.count(identity_kind::serial), 0u);
}

}  // namespace
}  // namespace smistat::record
