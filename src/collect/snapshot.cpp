#include "src/collect/snapshot.hpp"

namespace smistat::collect {

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
