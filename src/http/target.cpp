#include "src/http/target.hpp"

namespace smistat::http {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/** Strips `scheme://authority` so a proxy-style target routes like its origin-form. */
std::string_view strip_absolute_form(std::string_view target) {
  const auto scheme_end = target.find("://");
  if (target.empty() || target.front() == '/' || scheme_end == std::string_view::npos) {
    return target;
  }
  const auto rest = target.substr(scheme_end + 3);
  const auto path_start = rest.find_first_of("/?");
  if (path_start == std::string_view::npos) return "/";
  return rest.substr(path_start);
}

}  // namespace

split_target_result split_target(std::string_view target) {
  target = strip_absolute_form(target);
  const auto question = target.find('?');
  split_target_result result;
  if (question == std::string_view::npos) {
    result.path = std::string(target);
  } else {
    result.path = std::string(target.substr(0, question));
    result.query = std::string(target.substr(question + 1));
  }
  if (result.path.empty()) result.path = "/";
  return result;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace smistat::http
