#pragma once
// `.env` files read the way python-dotenv reads them, so a deployment of the Python servers keeps
// working with its `.env` unchanged: `export KEY=...`, single and double quotes (double quotes
// decode \n, \t, ...), `#` comments, multi-line quoted values, `${VAR}` and `${VAR:-default}`.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::dotenv {

/** One statement of a `.env` file; no value for a bare `KEY` line, which sets nothing. */
struct binding {
  std::string key;
  std::optional<std::string> value;

  bool operator==(const binding&) const = default;
};

/** What parse() found: bindings in file order and the 1-based lines it had to skip. */
struct parsed {
  std::vector<binding> bindings;
  std::vector<std::size_t> bad_lines;
};

/** Splits `.env` text into bindings without expanding variables; a bad statement is skipped
 *  up to the end of its line and reported, as python-dotenv does. */
parsed parse(std::string_view text);

/** Expands `${VAR}` / `${VAR:-default}` in each value, looking in `environment` first and then
 *  in earlier keys (python-dotenv with override=False). The last binding of a key decides;
 *  keys whose last binding has no value are left out. */
std::map<std::string, std::string> resolve(const std::vector<binding>& bindings,
                                           const std::map<std::string, std::string>& environment);

}  // namespace smistat::dotenv
