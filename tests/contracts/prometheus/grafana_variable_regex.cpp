#include "tests/contracts/prometheus/grafana_variable_regex.hpp"

#include <map>
#include <regex>

namespace smistat::test {
namespace {

/** The pattern in ECMAScript form std::regex reads, and the group number of each named group.
 *  std::regex has no named groups, so `(?<name>` becomes `(` and its number is counted here;
 *  `(?:`, `(?=`, `(?!` and lookbehinds capture nothing, and parentheses in a character class or
 *  after a backslash are not groups. */
struct numbered_pattern {
  std::string pattern;
  std::map<std::string, int> groups;
};

numbered_pattern number_named_groups(const std::string& source) {
  numbered_pattern out;
  int group = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    out.pattern += c;
    if (c == '\\' && i + 1 < source.size()) {
      out.pattern += source[++i];
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(' && source.compare(i + 1, 2, "?<") == 0 && i + 3 < source.size() &&
               source[i + 3] != '=' && source[i + 3] != '!') {
      const auto close = source.find('>', i + 3);
      out.groups[source.substr(i + 3, close - i - 3)] = ++group;
      i = close;
    } else if (c == '(' && (i + 1 >= source.size() || source[i + 1] != '?')) {
      ++group;
    }
  }
  return out;
}

struct grafana_regex {
  std::regex pattern;
  std::map<std::string, int> groups;
  bool global = false;
};

grafana_regex parse(const std::string& literal) {
  std::string source = literal;
  std::string flags;
  if (literal.size() > 1 && literal.front() == '/') {
    const auto end = literal.rfind('/');
    source = literal.substr(1, end - 1);
    flags = literal.substr(end + 1);
  }
  auto numbered = number_named_groups(source);
  auto syntax = std::regex::ECMAScript;
  if (flags.find('i') != std::string::npos) syntax |= std::regex::icase;
  return {std::regex(numbered.pattern, syntax), numbered.groups,
          flags.find('g') != std::string::npos};
}

std::string group_or_empty(const std::smatch& m, const std::map<std::string, int>& groups,
                           const std::string& name) {
  const auto at = groups.find(name);
  return at != groups.end() && m[at->second].matched ? m[at->second].str() : std::string();
}

}  // namespace

std::set<std::string> apply_variable_regex(const std::string& regex,
                                           const std::vector<std::string>& candidates) {
  if (regex.empty()) return {candidates.begin(), candidates.end()};
  const auto re = parse(regex);
  std::set<std::string> values;
  for (const auto& candidate : candidates) {
    std::string value;
    std::string text;
    std::string first_group;
    bool matched = false;
    for (std::sregex_iterator it(candidate.begin(), candidate.end(), re.pattern), end; it != end;
         ++it) {
      const auto& m = *it;
      if (!matched) first_group = m.size() > 1 ? m[1].str() : candidate;
      matched = true;
      if (value.empty()) value = group_or_empty(m, re.groups, "value");
      if (text.empty()) text = group_or_empty(m, re.groups, "text");
      if (!re.global) break;
    }
    if (!matched) continue;
    if (re.groups.empty()) {
      values.insert(first_group);
    } else if (!value.empty() || !text.empty()) {
      values.insert(value.empty() ? text : value);
    }
  }
  return values;
}

}  // namespace smistat::test
