#pragma once
// Query-string values the way Starlette reads them (urllib.parse.parse_qsl with
// keep_blank_values), parsed with Boost.URL, and Python's float() for validating numeric
// parameters.

#include <optional>
#include <string>
#include <string_view>

namespace smistat::http {

/** The value of parameter `name` in `query` (without '?'): the last occurrence wins, as with
 *  Starlette's QueryParams.get; names and values are percent-decoded with '+' as a space; a bare
 *  `name` yields "". nullopt when absent. */
std::optional<std::string> query_value(std::string_view query, std::string_view name);

/** Decodes one query component like urllib.parse.unquote_plus (invalid escapes stay as written). */
std::string decode_query_component(std::string_view text);

/** Parses `text` as Python's float() does: surrounding whitespace, an optional sign, digits
 *  with single underscores between them, a fraction and an exponent, or inf/infinity/nan in any
 *  case. nullopt for anything else. */
std::optional<double> parse_python_float(std::string_view text);

}  // namespace smistat::http
