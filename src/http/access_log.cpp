#include "src/http/access_log.hpp"

#include <cstdio>

#include "src/common/log.hpp"
#include "src/http/query.hpp"

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

std::string redact_target(std::string_view target) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, question + 1));
  std::string_view query = target.substr(question + 1);
  bool first = true;
  while (true) {
    const auto amp = query.find('&');
    const std::string_view field = query.substr(0, amp);
    if (!first) out += '&';
    first = false;
    const auto eq = field.find('=');
    // Decoded like the router decodes it, so `api%5Fkey=` is caught as well.
    if (eq != std::string_view::npos && decode_query_component(field.substr(0, eq)) == "api_key") {
      out += field.substr(0, eq + 1);
      out += "***";
    } else {
      out += field;
    }
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return out;
}

std::string format_access_line(const access_entry& e) {
  std::string line = "access ";
  line += e.remote;
  line += " \"";
  append_escaped(line, e.method);
  line += ' ';
  append_escaped(line, redact_target(e.target));
  line += "\" ";
  line += std::to_string(e.status);
  line += ' ';
  line += std::to_string(e.body_bytes);
  line += "B ";
  line += std::to_string(e.elapsed.count());
  line += "us";
  return line;
}

std::array<log::field, 6> access_fields(const access_entry& e, std::string_view redacted_path) {
  const double seconds = static_cast<double>(e.elapsed.count()) / 1e6;
  return {{{"method", e.method},
           {"path", redacted_path},
           {"status", std::uint64_t{e.status}},
           {"bytes", std::uint64_t{e.body_bytes}},
           {"duration_seconds", seconds},
           {"peer", e.remote}}};
}

std::string format_access_log_line(log::format f, std::chrono::system_clock::time_point when,
                                   const access_entry& e) {
  if (f == log::format::human)
    return log::format_line(f, when, log::level::info, format_access_line(e), {});
  const std::string path = redact_target(e.target);
  return log::format_line(f, when, log::level::info, "request", access_fields(e, path));
}

void write_access_log(const access_entry& e) {
  if (!log::enabled(log::level::info)) return;
  if (log::current_format() == log::format::human) return log::info(format_access_line(e));
  const std::string path = redact_target(e.target);
  log::write(log::level::info, "request", access_fields(e, path));
}

}  // namespace smistat::http
