#include "src/http/query.hpp"

#include <boost/url/param.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "src/http/target.hpp"

namespace smistat::http {
namespace {

namespace urls = boost::urls;

bool is_python_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view strip(std::string_view s) noexcept {
  while (!s.empty() && is_python_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_python_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

std::optional<double> parse_special(std::string_view body, bool negative) {
  if (iequals_ascii(body, "inf") || iequals_ascii(body, "infinity")) {
    const double inf = std::numeric_limits<double>::infinity();
    return negative ? -inf : inf;
  }
  if (iequals_ascii(body, "nan")) return std::numeric_limits<double>::quiet_NaN();
  return std::nullopt;
}

/** Copies a run of digits, allowing one '_' between two digits; returns false on misuse. */
bool take_digits(std::string_view s, std::size_t& i, std::string& out, bool& any) {
  bool last_digit = false;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      out += c;
      any = last_digit = true;
    } else if (c == '_') {
      if (!last_digit || i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 1])))
        return false;
      last_digit = false;
    } else {
      break;
    }
    ++i;
  }
  return true;
}

/** Rewrites Python float syntax into plain strtod input, or returns false. */
bool normalise_decimal(std::string_view s, std::string& out) {
  std::size_t i = 0;
  bool mantissa = false;
  if (!take_digits(s, i, out, mantissa)) return false;
  if (i < s.size() && s[i] == '.') {
    out += s[i++];
    if (!take_digits(s, i, out, mantissa)) return false;
  }
  if (!mantissa) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    out += s[i++];
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) out += s[i++];
    bool exponent = false;
    if (!take_digits(s, i, out, exponent) || !exponent) return false;
  }
  return i == s.size();
}

}  // namespace

std::string decode_query_component(std::string_view text) { return percent_decode(text, true); }

std::optional<std::string> query_value(std::string_view query, std::string_view name) {
  std::string escaped;
  if (!urls::parse_query(query)) {
    // Starlette reads what Boost.URL refuses (a stray '%', '{', raw UTF-8) as written.
    escaped = to_valid_query(query);
    query = escaped;
  }
  // parse_qsl skips empty fields ("a&&b"): Boost.URL yields them as empty keys, and an empty
  // key never equals a parameter name; a field without '=' has the value "". (The string is
  // valid now, so this constructor does not throw; the one taking a params_view and options is
  // not exported by Boost 1.81's library.)
  std::optional<std::string> found;
  for (const urls::param& p : urls::params_view(query, urls::encoding_opts(true))) {
    if (p.key == name) found = p.value;  // the last occurrence wins
  }
  return found;
}

std::optional<double> parse_python_float(std::string_view text) {
  std::string_view s = strip(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (auto special = parse_special(s, negative)) return special;
  std::string plain = negative ? "-" : "";
  if (!normalise_decimal(s, plain)) return std::nullopt;
  // Out-of-range values saturate to +-inf or round to 0 exactly as Python's float() does.
  return std::strtod(plain.c_str(), nullptr);
}

}  // namespace smistat::http
