#include "src/contracts/nvgpu/cuda_visible_devices.hpp"

#include <algorithm>
#include <charconv>

#include "src/common/text.hpp"

namespace smistat::render {
namespace {

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\n\r\f\v");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\n\r\f\v") - first + 1);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && common::iequals(s.substr(0, prefix.size()), prefix);
}

std::optional<cuda_device> by_index(std::string_view entry, std::span<const cuda_gpu> gpus) {
  std::int64_t index = 0;
  const auto [end, ec] = std::from_chars(entry.data(), entry.data() + entry.size(), index);
  if (ec != std::errc() || end != entry.data() + entry.size() || index < 0) return std::nullopt;
  for (std::size_t i = 0; i < gpus.size(); ++i)
    if (gpus[i].index == index) return cuda_device{i, {}};
  return std::nullopt;
}

/** A GPU UUID or a prefix that only one GPU's UUID starts with. */
std::optional<cuda_device> by_gpu_uuid(std::string_view entry, std::span<const cuda_gpu> gpus) {
  std::optional<cuda_device> found;
  for (std::size_t i = 0; i < gpus.size(); ++i) {
    if (!starts_with_ci(gpus[i].uuid, entry)) continue;
    if (found) return std::nullopt;  // ambiguous: CUDA refuses it
    found = cuda_device{i, {}};
  }
  return found;
}

std::optional<cuda_device> by_mig_uuid(std::string_view entry, std::span<const cuda_gpu> gpus) {
  // The R450 form names the parent GPU: MIG-GPU-<uuid>/<gpu instance>/<compute instance>.
  if (starts_with_ci(entry, "MIG-GPU-")) {
    const auto gpu_uuid = entry.substr(4, entry.find('/') - 4);
    for (std::size_t i = 0; i < gpus.size(); ++i)
      if (common::iequals(gpus[i].uuid, gpu_uuid) && entry.find('/') != std::string_view::npos)
        return cuda_device{i, std::string(entry)};
    return std::nullopt;
  }
  for (std::size_t i = 0; i < gpus.size(); ++i)
    for (const auto& mig : gpus[i].mig_uuids)
      if (common::iequals(mig, entry)) return cuda_device{i, mig};
  return std::nullopt;
}

std::optional<cuda_device> resolve_entry(std::string_view entry, std::span<const cuda_gpu> gpus) {
  if (entry.empty()) return std::nullopt;
  if (starts_with_ci(entry, "GPU-")) return by_gpu_uuid(entry, gpus);
  if (starts_with_ci(entry, "MIG-")) return by_mig_uuid(entry, gpus);
  return by_index(entry, gpus);
}

}  // namespace

std::vector<cuda_device> resolve_cuda_visible_devices(const std::optional<std::string>& value,
                                                      std::span<const cuda_gpu> gpus) {
  std::vector<cuda_device> out;
  if (!value) {
    for (std::size_t i = 0; i < gpus.size(); ++i) out.push_back({i, {}});
    return out;
  }
  std::string_view rest = *value;
  if (trimmed(rest).empty()) return out;
  while (true) {
    const auto comma = rest.find(',');
    const auto device = resolve_entry(trimmed(rest.substr(0, comma)), gpus);
    if (!device || std::find(out.begin(), out.end(), *device) != out.end()) break;
    out.push_back(*device);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::string cuda_device_name(const cuda_device& d, std::span<const cuda_gpu> gpus) {
  return d.mig_uuid.empty() ? std::to_string(gpus[d.gpu].index) : d.mig_uuid;
}

}  // namespace smistat::render
