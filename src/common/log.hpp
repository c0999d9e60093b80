#pragma once
// A minimal levelled logger writing one line per message to stderr. One place to swap later.

#include <string_view>

namespace smistat::log {

enum class level { trace, debug, info, warning, error, critical, off };

/** Sets the threshold; messages below it are dropped. */
void set_level(level l) noexcept;
level current_level() noexcept;
/** Parses trace|debug|info|warning|error|critical|off (case-insensitive). */
bool parse_level(std::string_view text, level& out) noexcept;

/** Writes `<ISO time> <LEVEL> <message>` as one write(2), so lines from threads never interleave.
 */
void write(level l, std::string_view message);

inline bool enabled(level l) noexcept { return l >= current_level(); }
inline void debug(std::string_view m) {
  if (enabled(level::debug)) write(level::debug, m);
}
inline void info(std::string_view m) {
  if (enabled(level::info)) write(level::info, m);
}
inline void warning(std::string_view m) {
  if (enabled(level::warning)) write(level::warning, m);
}
inline void error(std::string_view m) {
  if (enabled(level::error)) write(level::error, m);
}

}  // namespace smistat::log
