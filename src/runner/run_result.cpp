#include "src/runner/run_result.hpp"

namespace smistat::runner {

std::string_view to_string(run_outcome o) noexcept {
  switch (o) {
    case run_outcome::exited: return "exited";
    case run_outcome::spawn_failed: return "spawn_failed";
    case run_outcome::timed_out: return "timed_out";
    case run_outcome::output_too_large: return "output_too_large";
    case run_outcome::killed_by_signal: return "killed_by_signal";
  }
  return "unknown";
}

}  // namespace smistat::runner
