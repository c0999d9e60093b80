#include "src/config/raw_value.hpp"

#include "src/config/config.hpp"

namespace smistat::config_detail {

std::string in_quotes(std::string_view text) {
  // Messages are one line, so a multi-line .env value is shown escaped.
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c == '"' || c == '\\')
      (out += '\\') += c;
    else
      out += c;
  }
  return out + '"';
}

void reject(const raw_value& v, std::string_view rule) {
  throw config_error("invalid value " + in_quotes(v.text) + " for --" + v.option + " (" + v.source +
                     "): " + std::string(rule));
}

}  // namespace smistat::config_detail
