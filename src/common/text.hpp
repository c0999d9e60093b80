#pragma once
// ASCII string helpers with Python's meanings, shared so every module strips and compares alike.

#include <string>
#include <string_view>

namespace smistat::common {

/** Python's `str.isspace()` for one ASCII character: `\t\n\v\f\r`, `\x1c`-`\x1f` and space. */
bool is_python_space(char c) noexcept;

/** Python's `str.strip()` without arguments, for ASCII text. */
std::string_view python_strip(std::string_view s) noexcept;

/** `c` in lower case when it is an ASCII letter (locale-independent, unlike std::tolower). */
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

/** `s` with every ASCII letter in lower case. */
std::string ascii_lowercase(std::string_view s);

/** Equal ignoring ASCII case. */
bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace smistat::common
