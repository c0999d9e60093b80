#pragma once
// CUDA_VISIBLE_DEVICES as the 000 contract reads it (parsed once at start) and the GPU filter
// it applies after every fetch. Only the 000 endpoints filter; NVML-based contracts ignore it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/log.hpp"

namespace smistat::render {

/** Python's `int(token)` for base 10: surrounding whitespace, one sign, `_` between digits.
 *  nullopt for anything else and for values outside int64 (Python would keep those; no GPU
 *  has such an index, so they are treated as invalid). Non-ASCII digits are not accepted. */
std::optional<std::int64_t> parse_python_int(std::string_view token) noexcept;

/** The 000 rule: unset -> nullopt (no filter); blank -> empty list (show nothing); otherwise
 *  split on `[,\s]+`, drop invalid and negative entries, keep order and duplicates, and
 *  nullopt when nothing valid remains. Whitespace is ASCII (including \x1c-\x1f). */
std::optional<std::vector<std::int64_t>> parse_visible_devices(
    const std::optional<std::string>& value);

/** One log line the original writes while filtering. */
struct filter_note {
  log::level severity = log::level::info;
  std::string text;
  friend bool operator==(const filter_note&, const filter_note&) = default;
};

/** Which GPUs a filter keeps, and what to log about listed ids that do not exist. */
struct visible_selection {
  std::vector<std::size_t> kept;  ///< positions into the system id list, in nvidia-smi order
  std::vector<filter_note> notes;
};

/** Keeps GPUs whose id is listed in `wanted`, in `system_ids` order, never renumbered. Ids
 *  that do not exist are dropped (all missing -> nothing kept, no fallback to all). */
visible_selection select_visible(std::span<const std::int64_t> system_ids,
                                 std::span<const std::int64_t> wanted);

/** Python's repr of a list of ints: `[0, 1, 2]`. */
std::string python_list(std::span<const std::int64_t> ids);

}  // namespace smistat::render
