#pragma once
// How one log record becomes one line, in each of the three formats. Pure (the time is given),
// so the formats have golden tests; log.cpp adds the clock and the write.

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace smistat::log {

enum class level { trace, debug, info, warning, error, critical, off };

/** human: `<time> <LEVEL> <message> key=value...` (the default, for people at a terminal);
 *  logfmt: `ts=... level=... msg=... key=value...` (go-kit's, as Prometheus exporters log);
 *  json: one object per line with ts, level, msg and the fields. */
enum class format { human, logfmt, json };

/** A structured field of a record: a key and a text, a count or a real number. */
struct field {
  std::string_view key;
  std::variant<std::string_view, std::uint64_t, double> value;
};

/** The level's name: upper case for human (`INFO`), lower case for logfmt and json (`info`). */
std::string_view level_name(level l, format f) noexcept;

/** The whole line for one record, newline included. Text is escaped as each format needs it:
 *  logfmt quotes values with blanks, quotes, `=` or control bytes; json escapes strings as
 *  Boost.JSON does; human writes the message as given and fields in logfmt style. */
std::string format_line(format f, std::chrono::system_clock::time_point when, level l,
                        std::string_view message, std::span<const field> fields);

}  // namespace smistat::log
