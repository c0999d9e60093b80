#pragma once
// A minimal levelled logger writing one line per record to stderr, in the format chosen at start
// (human, logfmt or json; see log_line.hpp). A record is a message plus optional key/value
// fields, so machine formats keep the fields apart.

#include <initializer_list>
#include <span>
#include <string_view>

#include "src/common/log_line.hpp"

namespace smistat::log {

/** Sets the threshold; messages below it are dropped. */
void set_level(level l) noexcept;
level current_level() noexcept;
/** Parses trace|debug|info|warning|error|critical|off (case-insensitive). */
bool parse_level(std::string_view text, level& out) noexcept;

/** Sets the line format (human until then). */
void set_format(format f) noexcept;
format current_format() noexcept;
/** Parses human|logfmt|json. */
bool parse_format(std::string_view text, format& out) noexcept;

/** Writes the record as one write(2), so lines from threads never interleave. */
void write(level l, std::string_view message, std::span<const field> fields = {});

inline bool enabled(level l) noexcept { return l >= current_level(); }
inline void debug(std::string_view m, std::initializer_list<field> fields = {}) {
  if (enabled(level::debug)) write(level::debug, m, fields);
}
inline void info(std::string_view m, std::initializer_list<field> fields = {}) {
  if (enabled(level::info)) write(level::info, m, fields);
}
inline void warning(std::string_view m, std::initializer_list<field> fields = {}) {
  if (enabled(level::warning)) write(level::warning, m, fields);
}
inline void error(std::string_view m, std::initializer_list<field> fields = {}) {
  if (enabled(level::error)) write(level::error, m, fields);
}

}  // namespace smistat::log
