#include "src/http/target.hpp"

#include <boost/url/grammar/hexdig_chars.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/pchars.hpp>

namespace smistat::http {
namespace {

namespace urls = boost::urls;

/** What RFC 3986 allows in a query besides escapes. */
constexpr auto query_chars = urls::pchars + '/' + '?';

bool starts_valid_escape(std::string_view text, std::size_t at) noexcept {
  return at + 2 < text.size() && urls::grammar::hexdig_value(text[at + 1]) >= 0 &&
         urls::grammar::hexdig_value(text[at + 2]) >= 0;
}

split_target_result from_url(const urls::url_view& url) {
  return {std::string(url.encoded_path()), std::string(url.encoded_query())};
}

/** An origin-form target made of path characters only (no escape, no query): what nearly every
 *  client sends. The grammar would take all of it as the path, so it needs no parse. */
bool is_plain_path(std::string_view target) noexcept {
  if (target.empty() || target.front() != '/') return false;
  for (const char c : target)
    if (c != '/' && !urls::pchars(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

split_target_result split_target(std::string_view target) {
  split_target_result result;
  if (is_plain_path(target)) {
    result.path = std::string(target);
  } else if (const auto origin = urls::parse_origin_form(target)) {
    result = from_url(*origin);
  } else if (const auto absolute = urls::parse_absolute_uri(target)) {
    result = from_url(*absolute);  // a proxy-style target routes like its origin-form
  } else {
    // Beast, like uvicorn, accepts any visible byte in a target ('{', '|', raw UTF-8, a '%'
    // without two hex digits) and Starlette routes such a path as written, where Boost.URL
    // refuses it: cut at the first '?' as the origin-form grammar does. An absolute-form target
    // with such bytes (or `*`) is kept whole and matches no route.
    const auto question = target.find('?');
    result.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) result.query = std::string(target.substr(question + 1));
  }
  if (result.path.empty()) result.path = "/";
  return result;
}

std::string percent_decode(std::string_view text, bool plus_as_space) {
  const urls::encoding_opts options(plus_as_space);
  if (const auto valid = urls::make_pct_string_view(text)) return valid->decode(options);
  // Python's unquote keeps an invalid escape as written; Boost.URL refuses the whole string.
  const std::string escaped = to_valid_query(text);
  return urls::make_pct_string_view(escaped)->decode(options);
}

std::string to_valid_query(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' ? starts_valid_escape(text, i) : query_chars(static_cast<unsigned char>(c))) {
      out += c;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += hex[byte >> 4];
    out += hex[byte & 0xf];
  }
  return out;
}

}  // namespace smistat::http
