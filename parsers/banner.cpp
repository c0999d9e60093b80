#include "parsers/banner.hpp"

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

bool starts_with_digit(std::string_view s) noexcept {
  return !s.empty() && s.front() >= '0' && s.front() <= '9';
}

// The blank-delimited word after `label` in `line`; empty when the label is absent.
std::string_view word_after(std::string_view line, std::string_view label) noexcept {
  const auto at = line.find(label);
  if (at == std::string_view::npos) return {};
  auto rest = line.substr(at + label.size());
  const auto first = rest.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  rest.remove_prefix(first);
  return rest.substr(0, rest.find_first_of(" |"));
}

// Versions only: `CUDA Version: N/A` (no CUDA driver) reads as unknown, not as "N/A".
std::string version_after(std::string_view line, std::string_view label) {
  const auto word = word_after(line, label);
  return starts_with_digit(word) ? std::string(word) : std::string();
}

}  // namespace

std::optional<banner_info> parse_banner(std::string_view text) {
  for (const auto line : split_lines(text)) {
    // `NVIDIA-SMI has failed ...` is an error text, not a banner: the version must follow.
    const auto smi = word_after(line, "NVIDIA-SMI ");
    if (!starts_with_digit(smi)) continue;
    banner_info info;
    info.nvidia_smi_version = std::string(smi);
    info.driver_version = version_after(line, "Driver Version:");
    if (info.driver_version.empty()) info.driver_version = version_after(line, "KMD Version:");
    info.cuda_version = version_after(line, "CUDA Version:");
    if (info.cuda_version.empty()) info.cuda_version = version_after(line, "CUDA UMD Version:");
    return info;
  }
  return std::nullopt;
}

}  // namespace smistat::parsers
