#include "parsers/placeholder.hpp"

#include <array>
#include <utility>

namespace smistat::parsers {

availability classify_cell(std::string_view t) noexcept {
  if (t.empty()) return availability::empty;
  if (t == "N/A") return availability::not_available;  // bare form, e.g. temperature.memory
  if (t.front() != '[' || t.back() != ']') return availability::present;
  static constexpr std::array<std::pair<std::string_view, availability>, 7> known{{
      {"[N/A]", availability::not_available},
      {"[Not Supported]", availability::not_supported},
      {"[Unknown Error]", availability::unknown_error},
      {"[Insufficient Permissions]", availability::insufficient_permissions},
      {"[Requested functionality has been deprecated]", availability::deprecated},
      {"[Function Not Found]", availability::function_not_found},
      {"[GPU requires reset]", availability::gpu_requires_reset},
  }};
  for (const auto& [text, state] : known)
    if (t == text) return state;
  return availability::unknown_placeholder;
}

std::string_view to_string(availability a) noexcept {
  switch (a) {
    case availability::present: return "present";
    case availability::empty: return "empty";
    case availability::not_available: return "not_available";
    case availability::not_supported: return "not_supported";
    case availability::unknown_error: return "unknown_error";
    case availability::insufficient_permissions: return "insufficient_permissions";
    case availability::deprecated: return "deprecated";
    case availability::function_not_found: return "function_not_found";
    case availability::gpu_requires_reset: return "gpu_requires_reset";
    case availability::unknown_placeholder: return "unknown_placeholder";
  }
  return "unknown_placeholder";
}

}  // namespace smistat::parsers
