#pragma once
// Text to typed values. Every source goes through these, so a value means the same on the
// command line, in the environment, in .env and in the config file; a refusal names the option,
// the value, its source and what is allowed.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "src/config/config.hpp"
#include "src/config/raw_value.hpp"

namespace smistat::config_detail {

/** Refresh intervals; validate.cpp repeats it when 0 comes without --collect-mode on-demand. */
inline constexpr std::string_view refresh_rule =
    "expected a number of seconds greater than 0 and at most 86400 (0 only with --collect-mode "
    "on-demand)";
/** Deadlines: a zero deadline would fail every run, so 0 is refused. */
inline constexpr std::string_view timeout_rule =
    "expected a number of seconds greater than 0 and at most 86400";

/** processes-interval: 0 would mean a busy loop, so it is refused like a deadline. */
inline constexpr std::string_view processes_rule =
    "expected a number of seconds greater than 0 and at most 86400, or empty for the refresh "
    "interval";
/** details-interval: 0 is allowed and turns `nvidia-smi -q` off. */
inline constexpr std::string_view details_rule =
    "expected a number of seconds from 0 (never) to 86400, or empty for the default";

/** host-interval: 0 reads the host with every GPU sample. */
inline constexpr std::string_view host_rule =
    "expected a number of seconds from 0 (every sample) to 86400, or empty for the default";

/** An integer from `lo` to `hi`, with Python's int() leniency (blanks around, a leading '+'). */
std::uint64_t to_integer_in(const raw_value& v, std::uint64_t lo, std::uint64_t hi);

/** to_integer_in, narrowed to the field's type (the bounds make the cast safe). */
template <class T>
T to_integer(const raw_value& v, std::uint64_t lo, std::uint64_t hi) {
  return static_cast<T>(to_integer_in(v, lo, hi));
}

/** Seconds from 0 to a day; `rule` is the message for anything else (and for 0 unless allowed). */
double to_seconds(const raw_value& v, bool zero_allowed, std::string_view rule);

/** to_seconds, or nullopt for an empty or blank value: an unset cadence whose default derives
 *  from the refresh interval, which is how etc/smistat.conf shows it. */
std::optional<double> to_optional_seconds(const raw_value& v, bool zero_allowed,
                                          std::string_view rule);

/** A deadline: seconds greater than 0, rounded up to whole milliseconds. */
std::chrono::milliseconds to_timeout(const raw_value& v);

/** true/1/yes/on or false/0/no/off; the contract's plain names read anything else as false. */
bool to_bool(const raw_value& v);

/** The text as given, refused when it is empty or blank. */
std::string non_empty(const raw_value& v);

/** interval, on-demand or loop. */
collect_mode to_mode(const raw_value& v);

/** A level name log::parse_level accepts, lower-cased, with warn spelled warning. */
std::string to_log_level(const raw_value& v);

/** An HTTP path: a leading /, no blank, query or fragment. */
std::string to_route_path(const raw_value& v);

/** A folder this process can list and read; empty or blank means none. */
std::string to_readable_dir(const raw_value& v);

/** The text when it is exactly one of `allowed`. */
std::string one_of(const raw_value& v, std::initializer_list<std::string_view> allowed);

}  // namespace smistat::config_detail
