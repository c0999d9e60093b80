// The defaults of the processes and details cadences, which follow the refresh interval.
#include <algorithm>

#include "src/config/config.hpp"

namespace smistat {

double effective_processes_interval(const config& cfg) {
  return cfg.processes_interval.value_or(cfg.refresh_interval);
}

double effective_host_interval(const config& cfg) {
  constexpr double min_default_seconds = 1;
  if (cfg.host_interval) return *cfg.host_interval;
  return std::max(cfg.refresh_interval, min_default_seconds);
}

double effective_details_interval(const config& cfg) {
  // -q takes seconds on a large machine, so it runs far less often than the GPU query.
  constexpr double details_per_refresh = 10;
  constexpr double min_default_seconds = 5;
  if (cfg.details_interval) return *cfg.details_interval;
  return std::max(details_per_refresh * cfg.refresh_interval, min_default_seconds);
}

}  // namespace smistat
