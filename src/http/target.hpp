#pragma once
// Splitting a request-target into path and query, and percent-decoding the way uvicorn and
// Starlette do, on top of Boost.URL.

#include <string>
#include <string_view>

namespace smistat::http {

/** A request-target cut into its path and query. */
struct split_target_result {
  std::string path;
  std::string query;
};

/** Splits origin-form (`/a?b`) and absolute-form (`http://h/a?b`) targets; both parts stay
 *  percent-encoded as sent. An empty path becomes "/"; anything else (`*`) is kept as written
 *  and simply matches no route. */
split_target_result split_target(std::string_view target);

/** Percent-decodes like Python's urllib.parse.unquote (or unquote_plus with `plus_as_space`):
 *  an invalid escape stays as written. */
std::string percent_decode(std::string_view text, bool plus_as_space = false);

/** `text` rewritten so Boost.URL accepts it as a query and decodes it to the same bytes: a '%'
 *  that starts no valid escape becomes "%25" and a byte a query may not hold ('{', '|', raw
 *  UTF-8, ...) is percent-encoded. Beast and uvicorn accept both as sent, so Starlette sees them;
 *  Boost.URL refuses the whole string instead. */
std::string to_valid_query(std::string_view text);

}  // namespace smistat::http
