#include "src/config/raw_value.hpp"

#include "src/config/config.hpp"

namespace smistat::config_detail {

namespace {

/** Appends `text` with line breaks and tabs escaped, and `"` and `\` too when `quoting`. */
void append_escaped(std::string& out, std::string_view text, bool quoting) {
  // Messages are one line, so a multi-line .env value is shown escaped.
  for (const char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (quoting && (c == '"' || c == '\\'))
      (out += '\\') += c;
    else
      out += c;
  }
}

}  // namespace

std::string in_quotes(std::string_view text) {
  std::string out = "\"";
  append_escaped(out, text, true);
  return out + '"';
}

std::string on_one_line(std::string_view text) {
  std::string out;
  append_escaped(out, text, false);
  return out;
}

void reject(const raw_value& v, std::string_view rule) {
  throw config_error("invalid value " + in_quotes(v.text) + " for --" + v.option + " (" + v.source +
                     "): " + std::string(rule));
}

}  // namespace smistat::config_detail
