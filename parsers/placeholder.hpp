#pragma once
// Classifies the placeholder texts nvidia-smi prints where a value would be.

#include <cstdint>
#include <string_view>

namespace smistat::parsers {

/** Why a cell has no value; `present` means it holds real text. */
enum class availability : std::uint8_t {
  present,                   ///< a real value
  empty,                     ///< an empty cell
  not_available,             ///< `[N/A]` or bare `N/A`
  not_supported,             ///< `[Not Supported]`
  unknown_error,             ///< `[Unknown Error]`
  insufficient_permissions,  ///< `[Insufficient Permissions]`
  deprecated,                ///< `[Requested functionality has been deprecated]`
  function_not_found,        ///< `[Function Not Found]`
  gpu_requires_reset,        ///< `[GPU requires reset]`
  unknown_placeholder,       ///< any other `[...]`; the raw text is kept beside it
};

/** Classifies one trimmed cell; returns `present` for anything that is not a placeholder. */
availability classify_cell(std::string_view trimmed) noexcept;

/** Stable snake_case name of the state, used in JSON and logs ("not_available", ...). */
std::string_view to_string(availability a) noexcept;

}  // namespace smistat::parsers
