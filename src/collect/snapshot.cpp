#include "src/collect/snapshot.hpp"

namespace smistat::collect {

std::string_view name_of(collection_failure kind) noexcept {
  using enum collection_failure;
  switch (kind) {
    case nvidia_smi_missing: return "nvidia_smi_missing";
    case timed_out: return "timed_out";
    case output_too_large: return "output_too_large";
    case killed_by_signal: return "killed_by_signal";
    case driver_not_loaded: return "driver_not_loaded";
    case nvml_library_missing: return "nvml_library_missing";
    case no_devices: return "no_devices";
    case gpu_lost: return "gpu_lost";
    case invalid_field: return "invalid_field";
    case insufficient_permissions: return "insufficient_permissions";
    case version_mismatch: return "version_mismatch";
    case nvml_unknown_error: return "nvml_unknown_error";
    case unknown: return "unknown";
    case parse_error: return "parse_error";
    case loop_ended: return "loop_ended";
  }
  return "unknown";  // only reached by a value cast from outside the enumeration
}

double snapshot::age_seconds(wall_clock::time_point now) const noexcept {
  if (!sampled_at) return 0.0;
  const std::chrono::duration<double> age = now - *sampled_at;
  // A clock step backwards must not produce a negative age.
  return age.count() > 0.0 ? age.count() : 0.0;
}

bool snapshot::degraded(wall_clock::time_point now) const noexcept {
  if (!has_data() || health.consecutive_failures > 0) return true;
  // With a zero interval every sample is "older than the interval"; only failures count then.
  if (health.refresh_interval <= 0.0) return false;
  return age_seconds(now) > 3.0 * health.refresh_interval;
}

}  // namespace smistat::collect
