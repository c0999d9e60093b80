#pragma once
// A Grafana variable's regex, applied to what its query offers: the dashboard writes it as a
// JavaScript regex literal (`/pattern/flags`), possibly with named groups `text` and `value`.

#include <set>
#include <string>
#include <vector>

namespace smistat::test {

/** The values a variable with `regex` offers for `candidates`, as Grafana picks them: a
 *  candidate the regex does not match is dropped; otherwise the named group `value` (or
 *  `text`) of any match, else the first group, else the whole candidate. An empty `regex`
 *  keeps every candidate. Throws on a regex std::regex cannot read. */
std::set<std::string> apply_variable_regex(const std::string& regex,
                                           const std::vector<std::string>& candidates);

}  // namespace smistat::test
