#include "parsers/list_gpus.hpp"

#include <charconv>
#include <optional>

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

constexpr std::string_view uuid_open = " (UUID: ";

std::optional<int> read_int(std::string_view s) noexcept {
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || value < 0) return std::nullopt;
  return value;
}

// `<head> (UUID: <uuid>)` -> {head, uuid}; the name may itself hold parentheses, so the
// UUID part is searched from the end.
std::optional<std::pair<std::string_view, std::string_view>> split_uuid(std::string_view line) {
  if (!line.ends_with(')')) return std::nullopt;
  const auto open = line.rfind(uuid_open);
  if (open == std::string_view::npos) return std::nullopt;
  const auto uuid = line.substr(open + uuid_open.size(), line.size() - open - uuid_open.size() - 1);
  if (uuid.empty()) return std::nullopt;
  return std::pair{line.substr(0, open), uuid};
}

// `GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-...)`
std::optional<listed_gpu> parse_gpu_line(std::string_view line) {
  if (!line.starts_with("GPU ")) return std::nullopt;
  // The UUID is looked for after the prefix: in `GPU (UUID: ...)` the prefix's blank is the
  // first character of " (UUID: ", which would leave a head shorter than the prefix.
  const auto parts = split_uuid(line.substr(4));
  if (!parts) return std::nullopt;
  const auto head = parts->first;
  const auto colon = head.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  const auto index = read_int(head.substr(0, colon));
  const auto name = trim(head.substr(colon + 2));
  if (!index || name.empty()) return std::nullopt;
  return listed_gpu{*index, std::string(name), std::string(parts->second), {}};
}

// `MIG 3g.40gb     Device  0: (UUID: MIG-...)`
std::optional<listed_mig_device> parse_mig_line(std::string_view line) {
  if (!line.starts_with("MIG ")) return std::nullopt;
  const auto parts = split_uuid(line.substr(4));  // as for GPU lines
  if (!parts) return std::nullopt;
  auto head = trim(parts->first);
  const auto device_at = head.find(" Device ");
  if (device_at == std::string_view::npos || !head.ends_with(':')) return std::nullopt;
  const auto profile = trim(head.substr(0, device_at));
  auto number = head.substr(device_at + 8);
  number = trim(number.substr(0, number.size() - 1));
  const auto device = read_int(number);
  if (profile.empty() || !device) return std::nullopt;
  return listed_mig_device{std::string(profile), *device, std::string(parts->second)};
}

}  // namespace

gpu_list parse_list_gpus(std::string_view text) {
  gpu_list list;
  for (const auto raw : split_lines(text)) {
    const auto line = trim(raw);
    if (auto gpu = parse_gpu_line(line)) {
      list.gpus.push_back(std::move(*gpu));
      continue;
    }
    auto mig = parse_mig_line(line);
    if (mig && !list.gpus.empty()) {
      list.gpus.back().mig_devices.push_back(std::move(*mig));
      continue;
    }
    list.unrecognized.emplace_back(line);
  }
  return list;
}

}  // namespace smistat::parsers
