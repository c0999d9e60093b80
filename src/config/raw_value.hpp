#pragma once
// A setting as it was read, before conversion: its text and the source it came from, so that
// every error can name the place to fix.

#include <map>
#include <string>
#include <string_view>

namespace smistat::config_detail {

/** One setting as text plus where it came from, so an error can say which source to fix. */
struct raw_value {
  std::string option;  ///< long name, e.g. "port"
  std::string text;
  std::string source;        ///< "from PORT", "from the command line", ...
  bool python_bool = false;  ///< the contract's plain names read booleans the Python way
};

/** Long option name -> value; one source, or all of them merged by precedence. */
using layer = std::map<std::string, raw_value>;

/** Variables by name, as in the process environment or a `.env` file. */
using env_map = std::map<std::string, std::string>;

/** `text` in double quotes, escaped so that a multi-line value keeps the message on one line. */
std::string in_quotes(std::string_view text);

/** `text` as is, but with line breaks and tabs escaped, for messages that name it unquoted. */
std::string on_one_line(std::string_view text);

/** Throws config_error: `invalid value "<text>" for --<option> (<source>): <rule>`. */
[[noreturn]] void reject(const raw_value& v, std::string_view rule);

}  // namespace smistat::config_detail
