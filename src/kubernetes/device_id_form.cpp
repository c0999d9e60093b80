#include "src/kubernetes/device_id_form.hpp"

#include <charconv>

namespace smistat::kubernetes {

std::string_view replica_base(std::string_view id) noexcept {
  const auto sep = id.rfind("::");
  if (sep == std::string_view::npos || sep == 0) return id;
  const auto suffix = id.substr(sep + 2);
  if (suffix.empty()) return id;
  for (const char c : suffix)
    if (c < '0' || c > '9') return id;
  return id.substr(0, sep);
}

int device_minor(std::string_view id) noexcept {
  constexpr std::string_view prefix = "nvidia";
  if (!id.starts_with(prefix) || id.size() == prefix.size()) return -1;
  const auto digits = id.substr(prefix.size());
  int minor = -1;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), minor);
  if (ec != std::errc{} || end != digits.data() + digits.size() || minor < 0) return -1;
  return minor;
}

std::string mig_parent_uuid(std::string_view id) {
  constexpr std::string_view prefix = "MIG-GPU-";
  if (!id.starts_with(prefix)) return {};
  const auto rest = id.substr(4);  // keeps the `GPU-`
  return std::string(rest.substr(0, rest.find('/')));
}

device_id_form detect_device_id_form(std::string_view id) noexcept {
  if (replica_base(id) != id) return device_id_form::replica;
  if (id.starts_with("GPU-") && id.size() > 4) return device_id_form::uuid;
  if (id.starts_with("MIG-") && id.size() > 4) return device_id_form::mig;
  if (device_minor(id) >= 0) return device_id_form::minor;
  return device_id_form::unknown;
}

}  // namespace smistat::kubernetes
