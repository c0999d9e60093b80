#pragma once
// The banner of plain `nvidia-smi`: `| NVIDIA-SMI 590.48.01   Driver Version: 590.48.01
// CUDA Version: 13.1 |`. The fallback for the CUDA version on drivers without --version.

#include <optional>
#include <string>
#include <string_view>

namespace smistat::parsers {

struct banner_info {
  std::string nvidia_smi_version;
  std::string driver_version;
  std::string cuda_version;  ///< `13.1`; 610+ prints `CUDA UMD Version`, read the same
  friend bool operator==(const banner_info&, const banner_info&) = default;
};

/** nullopt when no `NVIDIA-SMI` banner line is found. */
std::optional<banner_info> parse_banner(std::string_view text);

}  // namespace smistat::parsers
