#include "parsers/version.hpp"

#include <algorithm>
#include <cctype>

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

// Keys changed case across drivers (`CUDA Version` before 610, `CUDA version` after).
bool same_key(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// 610 keeps the old keys with `Deprecated, see "..." instead` as their value.
bool is_deprecated(std::string_view value) noexcept { return value.starts_with("Deprecated"); }

struct version_lines {
  std::optional<std::string> smi, nvml, driver, cuda, kmd, cuda_umd;
};

void read_line(std::string_view line, version_lines& out) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return;
  const auto key = trim(line.substr(0, colon));
  const auto value = trim(line.substr(colon + 1));
  if (value.empty()) return;
  const std::string v(value);
  if (same_key(key, "NVIDIA-SMI version"))
    out.smi = v;
  else if (same_key(key, "NVML version"))
    out.nvml = v;
  else if (same_key(key, "KMD version"))
    out.kmd = v;
  else if (same_key(key, "CUDA UMD version"))
    out.cuda_umd = v;
  else if (same_key(key, "DRIVER version") && !is_deprecated(value))
    out.driver = v;
  else if (same_key(key, "CUDA version") && !is_deprecated(value))
    out.cuda = v;
}

}  // namespace

std::optional<version_info> parse_version(std::string_view text) {
  version_lines lines;
  for (const auto line : split_lines(text)) read_line(line, lines);
  if (!lines.smi) return std::nullopt;
  version_info info;
  info.nvidia_smi_version = *lines.smi;
  info.nvml_version = lines.nvml.value_or("");
  info.kmd_layout = lines.kmd.has_value();
  info.driver_version = lines.kmd.value_or(lines.driver.value_or(""));
  info.cuda_version = lines.cuda_umd.value_or(lines.cuda.value_or(""));
  return info;
}

}  // namespace smistat::parsers
