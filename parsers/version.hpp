#pragma once
// `nvidia-smi --version` in the pre-610 layout (`DRIVER version : 590.48.01`, `CUDA Version :
// 13.1`) and the 610 layout (`DRIVER version : Deprecated, see "KMD version" instead`,
// `KMD version : 610.57.04`, `CUDA UMD version : 13.3`). Old drivers have no --version.

#include <optional>
#include <string>
#include <string_view>

namespace smistat::parsers {

struct version_info {
  std::string nvidia_smi_version;  ///< `590.48.01`
  std::string nvml_version;        ///< `590.48`
  std::string driver_version;      ///< DRIVER version, or KMD version in the 610 layout
  std::string cuda_version;        ///< CUDA Version, or CUDA UMD version in the 610 layout
  bool kmd_layout = false;         ///< true for the 610 layout
  friend bool operator==(const version_info&, const version_info&) = default;
};

/** nullopt when no `NVIDIA-SMI version` line is present (an error text, a usage text). */
std::optional<version_info> parse_version(std::string_view text);

}  // namespace smistat::parsers
