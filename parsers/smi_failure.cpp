#include "parsers/smi_failure.hpp"

#include <array>
#include <optional>
#include <utility>

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

// Checked in order: the mismatch and permission texts share the `Failed to initialize NVML:`
// prefix with the unknown-error text, so the specific ones come first.
constexpr std::array<std::pair<std::string_view, smi_failure>, 9> known_texts{{
    {"couldn't communicate with the NVIDIA driver", smi_failure::driver_not_loaded},
    {"couldn't find libnvidia-ml.so", smi_failure::nvml_library_missing},
    {"Driver/library version mismatch", smi_failure::version_mismatch},
    {"Mismatch in versions between nvidia-smi and NVML", smi_failure::version_mismatch},
    {"Insufficient Permissions", smi_failure::insufficient_permissions},
    {"Failed to initialize NVML: Unknown Error", smi_failure::nvml_unknown_error},
    {"No devices were found", smi_failure::no_devices},
    {"Unable to determine the device handle for GPU", smi_failure::gpu_lost},
    {"is not a valid field to query", smi_failure::invalid_field},
}};

struct text_match {
  smi_failure kind;
  std::string_view line;
};

std::optional<text_match> find_known(std::string_view text) {
  const auto lines = split_lines(text);
  for (const auto& [needle, kind] : known_texts)
    for (const auto line : lines)
      if (line.find(needle) != std::string_view::npos) return text_match{kind, trim(line)};
  return std::nullopt;
}

// Exit codes nvidia-smi documents for these failures, used when the text is missing.
smi_failure kind_of_exit(int exit_code) noexcept {
  switch (exit_code) {
    case 6: return smi_failure::no_devices;
    case 9: return smi_failure::driver_not_loaded;
    case 12: return smi_failure::nvml_library_missing;
    case 15: return smi_failure::gpu_lost;
    default: return smi_failure::unknown;
  }
}

// `Field "clocks_throttle_reasons.unknown" is not a valid field to query.`
std::string rejected_field(std::string_view line) {
  const auto open = line.find('"');
  if (open == std::string_view::npos) return {};
  const auto close = line.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return std::string(line.substr(open + 1, close - open - 1));
}

std::string first_line(std::string_view stdout_text, std::string_view stderr_text) {
  for (const auto text : {stdout_text, stderr_text}) {
    const auto lines = split_lines(text);
    if (!lines.empty()) return std::string(trim(lines.front()));
  }
  return {};
}

}  // namespace

classified_failure classify_failure(int exit_code, std::string_view stdout_text,
                                    std::string_view stderr_text) {
  // A successful run may still print per-GPU error lines among its rows; the CSV parser
  // reports those, so exit 0 is never a failure here.
  if (exit_code == 0) return {};
  classified_failure result;
  auto match = find_known(stdout_text);
  if (!match) match = find_known(stderr_text);
  if (match) {
    result.kind = match->kind;
    result.message = std::string(match->line);
    if (match->kind == smi_failure::invalid_field) result.field = rejected_field(match->line);
    return result;
  }
  result.kind = kind_of_exit(exit_code);
  result.message = first_line(stdout_text, stderr_text);
  return result;
}

std::string_view to_string(smi_failure f) noexcept {
  switch (f) {
    case smi_failure::none: return "none";
    case smi_failure::driver_not_loaded: return "driver_not_loaded";
    case smi_failure::nvml_library_missing: return "nvml_library_missing";
    case smi_failure::no_devices: return "no_devices";
    case smi_failure::gpu_lost: return "gpu_lost";
    case smi_failure::invalid_field: return "invalid_field";
    case smi_failure::insufficient_permissions: return "insufficient_permissions";
    case smi_failure::version_mismatch: return "version_mismatch";
    case smi_failure::nvml_unknown_error: return "nvml_unknown_error";
    case smi_failure::unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace smistat::parsers
