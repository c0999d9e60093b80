#include "src/collect/gpu_health_update.hpp"

#include <utility>

#include "src/common/log.hpp"

namespace smistat::collect {
namespace {

void log_transition(const std::optional<collection_error>& before,
                    const std::optional<collection_error>& now) {
  // Log changes only: a machine without a driver would otherwise log every second.
  if (now && (!before || before->kind != now->kind))
    log::warning("collector: " + std::string(name_of(now->kind)) + ": " + now->message);
  else if (!now && before)
    log::info("collector: nvidia-smi answers again");
}

}  // namespace

void record_gpu_outcome(collection_health& h, std::optional<collection_error> error, int exit_code,
                        double duration_seconds, wall_clock::time_point attempt,
                        std::optional<wall_clock::time_point> sampled_at) {
  const auto before = h.last_error;
  h.last_attempt = attempt;
  h.last_duration_seconds = duration_seconds;
  h.last_exit_code = exit_code;
  ++h.runs_total;
  if (!sampled_at && !error)
    error = collection_error{collection_failure::parse_error, exit_code, "no GPU data"};
  h.last_error = std::move(error);
  if (h.last_error) {
    ++h.errors_total;
    ++h.errors_by_kind[std::string(name_of(h.last_error->kind))];
  }
  if (sampled_at) {
    h.last_success = sampled_at;
    h.consecutive_failures = 0;
  } else {
    ++h.consecutive_failures;
  }
  log_transition(before, h.last_error);
}

}  // namespace smistat::collect
