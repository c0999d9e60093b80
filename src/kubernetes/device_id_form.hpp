#pragma once
// The forms in which NVIDIA's device plugin names a GPU to the kubelet, told apart from the ID
// itself so that no flag has to say which one a cluster uses: the GPU UUID (`GPU-...`), the
// device node (`nvidia3`, the GPU with minor number 3), a MIG device (`MIG-...`, or
// `MIG-GPU-<uuid>/<gi>/<ci>` from drivers before R470), and a time-slicing replica (`<id>::<n>`).

#include <string>
#include <string_view>

namespace smistat::kubernetes {

/** The form of one device ID. */
enum class device_id_form { uuid, minor, mig, replica, unknown };

/** The name /health and the log use for a form. */
constexpr const char* device_id_form_name(device_id_form f) noexcept {
  switch (f) {
    case device_id_form::uuid: return "uuid";
    case device_id_form::minor: return "minor";
    case device_id_form::mig: return "mig";
    case device_id_form::replica: return "replica";
    case device_id_form::unknown: return "unknown";
  }
  return "unknown";
}

/** The form of `id`; `replica` for any `<id>::<n>`, whatever the form of its base. */
device_id_form detect_device_id_form(std::string_view id) noexcept;

/** `id` without a replica's `::<n>` suffix; `id` itself otherwise. */
std::string_view replica_base(std::string_view id) noexcept;

/** The minor number of a `nvidiaN` ID; -1 for any other form. */
int device_minor(std::string_view id) noexcept;

/** The parent GPU's UUID inside an old-style `MIG-GPU-<uuid>/<gi>/<ci>` ID; "" otherwise. */
std::string mig_parent_uuid(std::string_view id);

}  // namespace smistat::kubernetes
