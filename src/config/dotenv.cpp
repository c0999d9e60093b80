#include "src/config/dotenv.hpp"

#include <algorithm>

namespace smistat::dotenv {
namespace {

// python-dotenv's grammar is a chain of anchored regexes; each helper below is one of them and,
// like re.match, leaves the position untouched when it does not match. Whitespace is ASCII only.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_blank(char c) { return is_space(c) && c != '\n' && c != '\r'; }
bool is_line_end(char c) { return c == '\n' || c == '\r'; }

struct cursor {
  std::string_view text;
  std::size_t pos = 0;

  bool at_end() const { return pos >= text.size(); }
  char peek() const { return at_end() ? '\0' : text[pos]; }
  std::size_t skip(bool (*pred)(char)) {
    const std::size_t start = pos;
    while (!at_end() && pred(text[pos])) ++pos;
    return pos - start;
  }
};

std::size_t line_at(std::string_view text, std::size_t pos) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
      ++line;
  }
  return line;
}

/** `'key'` or a run of anything but `=`, `#` and whitespace; nullopt key for a comment line. */
bool read_key(cursor& c, std::optional<std::string>& key) {
  if (c.peek() == '#') return true;
  if (c.peek() == '\'') {
    const auto close = c.text.find('\'', c.pos + 1);
    if (close == std::string_view::npos || close == c.pos + 1) return false;
    key = std::string(c.text.substr(c.pos + 1, close - c.pos - 1));
    c.pos = close + 1;
    return true;
  }
  const std::size_t start = c.pos;
  c.skip([](char ch) { return ch != '=' && ch != '#' && !is_space(ch); });
  if (c.pos == start) return false;
  key = std::string(c.text.substr(start, c.pos - start));
  return true;
}

/** The body of a quoted value. A backslash before the quote keeps it open, unless the value
 *  never closes: then the regex backtracks and the last escaped quote closes it after all. */
std::optional<std::string_view> read_quoted(cursor& c, char quote) {
  std::optional<std::size_t> last_escaped;
  for (std::size_t i = c.pos + 1; i < c.text.size(); ++i) {
    if (c.text[i] == '\\' && i + 1 < c.text.size() && c.text[i + 1] == quote) {
      last_escaped = ++i;
    } else if (c.text[i] == quote) {
      last_escaped = i;
      break;
    }
  }
  if (!last_escaped) return std::nullopt;
  const auto body = c.text.substr(c.pos + 1, *last_escaped - c.pos - 1);
  c.pos = *last_escaped + 1;
  return body;
}

std::string decode_escapes(std::string_view body, char quote) {
  // Single quotes know only \\ and \'; double quotes add \" and the C control escapes.
  constexpr std::string_view from = "\\'\"abfnrtv";
  constexpr std::string_view to = "\\'\"\a\b\f\n\r\t\v";
  const std::size_t known = quote == '\'' ? 2 : from.size();
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const auto at = i + 1 < body.size() ? from.substr(0, known).find(body[i + 1]) : from.npos;
    if (body[i] == '\\' && at != from.npos) {
      out += to[at];
      ++i;
    } else {
      out += body[i];
    }
  }
  return out;
}

std::string read_unquoted(cursor& c, bool after_blank) {
  const std::size_t start = c.pos;
  c.skip([](char ch) { return !is_line_end(ch); });
  std::string_view part = c.text.substr(start, c.pos - start);
  // `KEY=  # note` is empty, but `KEY=#value` keeps the `#`: only a blank opens a comment.
  if (after_blank && !part.empty() && part.front() == '#') return {};
  for (std::size_t i = 1; i < part.size(); ++i) {
    if (part[i] == '#' && is_space(part[i - 1])) {
      part = part.substr(0, i);
      break;
    }
  }
  while (!part.empty() && is_space(part.back())) part.remove_suffix(1);
  return std::string(part);
}

bool read_value(cursor& c, bool after_blank, std::string& value) {
  const char first = c.peek();
  if (first == '\'' || first == '"') {
    const auto body = read_quoted(c, first);
    if (!body) return false;
    value = decode_escapes(*body, first);
  } else if (!c.at_end() && !is_line_end(first)) {
    value = read_unquoted(c, after_blank);
  }
  return true;
}

/** An optional trailing comment, then blanks and the end of the line (or of the text). */
bool finish_line(cursor& c) {
  const std::size_t before = c.pos;
  c.skip(is_blank);
  if (c.peek() == '#')
    c.skip([](char ch) { return !is_line_end(ch); });
  else
    c.pos = before;
  c.skip(is_blank);
  if (c.at_end()) return true;
  if (c.peek() == '\r') {
    ++c.pos;
    if (c.peek() == '\n') ++c.pos;
    return true;
  }
  if (c.peek() != '\n') return false;
  ++c.pos;
  return true;
}

/** Reads one statement starting at a non-space character; false when it is malformed. */
bool read_statement(cursor& c, std::optional<binding>& out) {
  constexpr std::string_view export_word = "export";
  if (c.text.substr(c.pos).starts_with(export_word) &&
      is_blank(cursor{c.text, c.pos + export_word.size()}.peek())) {
    c.pos += export_word.size();
    c.skip(is_blank);
  }
  std::optional<std::string> key;
  if (!read_key(c, key)) return false;
  c.skip(is_blank);
  std::optional<std::string> value;
  if (c.peek() == '=') {
    ++c.pos;
    const bool after_blank = c.skip(is_blank) > 0;
    if (!read_value(c, after_blank, value.emplace())) return false;
  }
  if (!finish_line(c)) return false;
  if (key) out = binding{std::move(*key), std::move(value)};
  return true;
}

void skip_rest_of_line(cursor& c) {
  c.skip([](char ch) { return !is_line_end(ch); });
  if (!c.at_end()) ++c.pos;  // python's `\r|\n|\r\n` takes a lone \r first; \n then is a blank
}

}  // namespace

parsed parse(std::string_view text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.starts_with(bom)) text.remove_prefix(bom.size());
  parsed result;
  cursor c{text};
  while (true) {
    c.skip(is_space);
    if (c.at_end()) break;
    const std::size_t start = c.pos;
    std::optional<binding> found;
    if (read_statement(c, found)) {
      if (found) result.bindings.push_back(std::move(*found));
    } else {
      result.bad_lines.push_back(line_at(text, start));
      skip_rest_of_line(c);
    }
  }
  return result;
}

namespace {

/** A `${name}` or `${name:-default}` reference starting at `at`, as python-dotenv's regex. */
struct reference {
  std::string_view name;
  std::optional<std::string_view> fallback;
  std::size_t end = 0;
};

std::optional<reference> match_reference(std::string_view value, std::size_t at) {
  const std::size_t name_start = at + 2;
  const std::size_t stop = value.find_first_of("}:", name_start);
  if (stop == std::string_view::npos) return std::nullopt;
  const auto name = value.substr(name_start, stop - name_start);
  if (value[stop] == '}') return reference{name, std::nullopt, stop + 1};
  if (value.substr(stop, 2) != ":-") return std::nullopt;
  const std::size_t close = value.find('}', stop + 2);
  if (close == std::string_view::npos) return std::nullopt;
  return reference{name, value.substr(stop + 2, close - stop - 2), close + 1};
}

using seen_map = std::map<std::string, std::optional<std::string>, std::less<>>;

std::string lookup(const reference& ref, const std::map<std::string, std::string>& environment,
                   const seen_map& earlier) {
  if (const auto it = environment.find(std::string(ref.name)); it != environment.end())
    return it->second;
  // A bare `KEY` line earlier in the file shadows the default with an empty value.
  if (const auto it = earlier.find(ref.name); it != earlier.end()) return it->second.value_or("");
  return std::string(ref.fallback.value_or(""));
}

std::string expand(std::string_view value, const std::map<std::string, std::string>& environment,
                   const seen_map& earlier) {
  std::string out;
  std::size_t done = 0;
  for (auto at = value.find("${"); at != std::string_view::npos; at = value.find("${", at + 1)) {
    if (at < done) continue;
    const auto ref = match_reference(value, at);
    if (!ref) continue;
    out.append(value.substr(done, at - done));
    out += lookup(*ref, environment, earlier);
    done = ref->end;
  }
  out.append(value.substr(std::min(done, value.size())));
  return out;
}

}  // namespace

std::map<std::string, std::string> resolve(const std::vector<binding>& bindings,
                                           const std::map<std::string, std::string>& environment) {
  seen_map seen;
  for (const binding& b : bindings) {
    std::optional<std::string> value;
    if (b.value) value = expand(*b.value, environment, seen);
    seen[b.key] = std::move(value);
  }
  std::map<std::string, std::string> result;
  for (auto& [key, value] : seen)
    if (value) result.emplace(key, std::move(*value));
  return result;
}

}  // namespace smistat::dotenv
