#include "src/http/access_log.hpp"

#include <charconv>
#include <cstdint>

#include "src/http/query.hpp"

namespace smistat::http {
namespace {

// The human line is appended piece by piece into the caller's buffer (std::to_chars, no
// printf and no temporary strings): it is written once per request, and it is the default
// format. logfmt and json keep the logger's own formatting, whose escaping rules live there.

/** `v` in decimal, left-padded with zeros to `width` digits. */
void append_padded(std::string& out, std::int64_t v, std::size_t width) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  const auto length = static_cast<std::size_t>(end - digits);
  if (length < width) out.append(width - length, '0');
  out.append(digits, length);
}

void append_decimal(std::string& out, std::int64_t v) { append_padded(out, v, 0); }

void append_decimal(std::string& out, std::uint64_t v) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

/** `2026-07-14T08:12:53.353Z`, the logger's time stamp: UTC with milliseconds. */
void append_utc_stamp(std::string& out, std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto day = floor<days>(when);
  const year_month_day date{day};
  const hh_mm_ss time{floor<milliseconds>(when - day)};
  append_decimal(out, std::int64_t{int{date.year()}});
  out += '-';
  append_padded(out, unsigned{date.month()}, 2);
  out += '-';
  append_padded(out, unsigned{date.day()}, 2);
  out += 'T';
  append_padded(out, time.hours().count(), 2);
  out += ':';
  append_padded(out, time.minutes().count(), 2);
  out += ':';
  append_padded(out, time.seconds().count(), 2);
  out += '.';
  append_padded(out, time.subseconds().count(), 3);
  out += 'Z';
}

void append_escaped(std::string& out, std::string_view text) {
  constexpr std::string_view hex_digits = "0123456789abcdef";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '"' || c == '\\') {
      out += "\\x";
      out += hex_digits[byte >> 4];
      out += hex_digits[byte & 0xf];
    } else {
      out += c;
    }
  }
}

/** Hands `target` to `append` piece by piece, the value of every `api_key` query parameter
 *  replaced by `***`. */
template <class Append>
void for_each_redacted_piece(std::string_view target, Append append) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return append(target);
  append(target.substr(0, question + 1));
  std::string_view query = target.substr(question + 1);
  bool first = true;
  while (true) {
    const auto amp = query.find('&');
    const std::string_view field = query.substr(0, amp);
    if (!first) append("&");
    first = false;
    const auto eq = field.find('=');
    // Decoded like the router decodes it, so `api%5Fkey=` is caught as well.
    if (eq != std::string_view::npos && decode_query_component(field.substr(0, eq)) == "api_key") {
      append(field.substr(0, eq + 1));
      append("***");
    } else {
      append(field);
    }
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
}

void append_access_message(std::string& out, const access_entry& e) {
  out += "access ";
  out += e.remote;
  out += " \"";
  append_escaped(out, e.method);
  out += ' ';
  for_each_redacted_piece(e.target, [&out](std::string_view piece) { append_escaped(out, piece); });
  out += "\" ";
  append_decimal(out, std::uint64_t{e.status});
  out += ' ';
  append_decimal(out, std::uint64_t{e.body_bytes});
  out += "B ";
  append_decimal(out, std::int64_t{e.elapsed.count()});
  out += "us";
}

}  // namespace

std::string redact_target(std::string_view target) {
  std::string out;
  for_each_redacted_piece(target, [&out](std::string_view piece) { out += piece; });
  return out;
}

std::string format_access_line(const access_entry& e) {
  std::string line;
  append_access_message(line, e);
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

void append_access_log_line(std::string& out, log::format f,
                            std::chrono::system_clock::time_point when, const access_entry& e) {
  if (f == log::format::human) {
    append_utc_stamp(out, when);
    out += ' ';
    out += log::level_name(log::level::info, f);
    out += ' ';
    append_access_message(out, e);
    out += '\n';
    return;
  }
  const std::string path = redact_target(e.target);
  out += log::format_line(f, when, log::level::info, "request", access_fields(e, path));
}

std::string format_access_log_line(log::format f, std::chrono::system_clock::time_point when,
                                   const access_entry& e) {
  std::string line;
  append_access_log_line(line, f, when, e);
  return line;
}

}  // namespace smistat::http
