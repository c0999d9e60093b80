#pragma once
// pod_devices as bytes, from the Kubernetes helper (kubelet_helper_main.cpp) to smistat:
// a little-endian u32 count of entries, then per entry its four strings and a u32 count of device
// IDs followed by the IDs, each string a u32 length and its bytes. Lengths rather than separators,
// because device IDs are whatever a device plugin chose to call its devices.

#include <optional>
#include <string>
#include <string_view>

#include "src/kubernetes/pod_devices.hpp"

namespace smistat::kubernetes {

std::string encode_pod_devices(const pod_devices& devices);
/** nullopt when `bytes` is not exactly one encoded list (truncated, or with bytes left over). */
std::optional<pod_devices> decode_pod_devices(std::string_view bytes);

}  // namespace smistat::kubernetes
