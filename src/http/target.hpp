#pragma once
// Splitting a request-target into path and query, and decoding the path the way uvicorn does.

#include <string>
#include <string_view>

namespace smistat::http {

/** A request-target cut at the first '?'. */
struct split_target_result {
  std::string path;
  std::string query;
};

/** Splits origin-form (`/a?b`) and absolute-form (`http://h/a?b`) targets. An empty path
 *  becomes "/"; anything else (`*`) is kept as written and simply matches no route. */
split_target_result split_target(std::string_view target);

/** Percent-decodes a path like Python's urllib.parse.unquote: invalid escapes stay as written. */
std::string percent_decode(std::string_view text);

}  // namespace smistat::http
