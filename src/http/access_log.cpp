#include "src/http/access_log.hpp"

#include <cstdio>

#include "src/log.hpp"

namespace smistat::http {
namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '"' || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string format_access_line(const access_entry& e) {
  std::string line = "access ";
  line += e.remote;
  line += " \"";
  append_escaped(line, e.method);
  line += ' ';
  append_escaped(line, e.target);
  line += "\" ";
  line += std::to_string(e.status);
  line += ' ';
  line += std::to_string(e.body_bytes);
  line += "B ";
  line += std::to_string(e.elapsed.count());
  line += "us";
  return line;
}

void write_access_log(const access_entry& e) {
  if (log::enabled(log::level::info)) log::info(format_access_line(e));
}

}  // namespace smistat::http
