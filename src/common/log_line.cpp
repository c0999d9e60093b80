#include "src/common/log_line.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>
#include <cstdio>
#include <ctime>

namespace smistat::log {
namespace {

/** `2026-07-14T08:12:53.353Z`: UTC with milliseconds. */
std::string utc_stamp(std::chrono::system_clock::time_point when) {
  const auto t = std::chrono::system_clock::to_time_t(when);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[40];
  const auto n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(stamp + n, sizeof stamp - n, ".%03dZ", static_cast<int>(ms));
  return stamp;
}

/** Six decimals, trailing zeros dropped: `0.000083`, `1.5`, `2`. */
std::string real_text(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6f", v);
  std::string out(text);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

bool needs_quotes(std::string_view v) {
  if (v.empty()) return true;
  for (const char c : v) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || c == '"' || c == '=' || c == '\\' || byte == 0x7f) return true;
  }
  return false;
}

/** A logfmt value: bare when it can be, else quoted with Go's escapes for `"`, `\` and control
 *  bytes, so a value can never forge a field or a line. */
void append_logfmt_text(std::string& out, std::string_view v) {
  if (!needs_quotes(v)) {
    out += v;
    return;
  }
  out += '"';
  for (const char c : v) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_json_text(std::string& out, std::string_view v) {
  out += boost::json::serialize(boost::json::string_view(v.data(), v.size()));
}

template <class AppendText>
void append_value(std::string& out, const field& f, AppendText append_text) {
  if (const auto* text = std::get_if<std::string_view>(&f.value)) return append_text(out, *text);
  if (const auto* count = std::get_if<std::uint64_t>(&f.value)) {
    out += std::to_string(*count);
    return;
  }
  out += real_text(std::get<double>(f.value));
}

void append_logfmt_fields(std::string& out, std::span<const field> fields) {
  for (const auto& f : fields) {
    out += ' ';
    out += f.key;
    out += '=';
    append_value(out, f, append_logfmt_text);
  }
}

}  // namespace

std::string_view level_name(level l, format f) noexcept {
  const bool upper = f == format::human;
  switch (l) {
    case level::trace: return upper ? "TRACE" : "trace";
    case level::debug: return upper ? "DEBUG" : "debug";
    case level::info: return upper ? "INFO" : "info";
    case level::warning: return upper ? "WARNING" : "warning";
    case level::error: return upper ? "ERROR" : "error";
    case level::critical: return upper ? "CRITICAL" : "critical";
    case level::off: return upper ? "OFF" : "off";
  }
  return upper ? "INFO" : "info";
}

std::string format_line(format f, std::chrono::system_clock::time_point when, level l,
                        std::string_view message, std::span<const field> fields) {
  std::string line;
  switch (f) {
    case format::human:
      line = utc_stamp(when) + " " + std::string(level_name(l, f)) + " ";
      line += message;
      append_logfmt_fields(line, fields);
      break;
    case format::logfmt:
      line = "ts=" + utc_stamp(when) + " level=" + std::string(level_name(l, f)) + " msg=";
      append_logfmt_text(line, message);
      append_logfmt_fields(line, fields);
      break;
    case format::json:
      line = "{\"ts\":\"" + utc_stamp(when) + "\",\"level\":\"" + std::string(level_name(l, f)) +
             "\",\"msg\":";
      append_json_text(line, message);
      for (const auto& fld : fields) {
        line += ',';
        append_json_text(line, fld.key);
        line += ':';
        append_value(line, fld, append_json_text);
      }
      line += '}';
      break;
  }
  line += '\n';
  return line;
}

}  // namespace smistat::log
