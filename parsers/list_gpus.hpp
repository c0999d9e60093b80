#pragma once
// `nvidia-smi -L`: `GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-...)`, followed on MIG machines by
// indented `MIG 3g.40gb     Device  0: (UUID: MIG-...)` lines.

#include <string>
#include <string_view>
#include <vector>

namespace smistat::parsers {

struct listed_mig_device {
  std::string profile;  ///< `3g.40gb`
  int device = 0;       ///< the MIG device number
  std::string uuid;     ///< `MIG-...`
  friend bool operator==(const listed_mig_device&, const listed_mig_device&) = default;
};

struct listed_gpu {
  int index = 0;
  std::string name;
  std::string uuid;  ///< `GPU-...`
  std::vector<listed_mig_device> mig_devices;
  friend bool operator==(const listed_gpu&, const listed_gpu&) = default;
};

struct gpu_list {
  std::vector<listed_gpu> gpus;
  std::vector<std::string> unrecognized;  ///< lines that matched neither form, kept verbatim
};

gpu_list parse_list_gpus(std::string_view text);

}  // namespace smistat::parsers
