#include "src/contracts/kit/json_writer.hpp"

#include <cassert>
#include <charconv>

namespace smistat::render {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

// Python writes `\u00XX` with lower-case hex digits.
void append_u_escape(std::string& out, std::uint32_t unit) {
  const char buf[6] = {'\\',
                       'u',
                       hex_digits[(unit >> 12) & 0xF],
                       hex_digits[(unit >> 8) & 0xF],
                       hex_digits[(unit >> 4) & 0xF],
                       hex_digits[unit & 0xF]};
  out.append(buf, sizeof buf);
}

// The short escapes json.dumps uses; 0 where it falls back to `\u00XX`.
char short_escape(unsigned char c) noexcept {
  switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    case '\b': return 'b';
    case '\f': return 'f';
    default: return 0;
  }
}

bool is_continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

// Length, smallest code point and payload bits a UTF-8 lead byte announces; len 0 if invalid.
struct utf8_lead {
  std::size_t len = 0;
  std::uint32_t min = 0;
  std::uint32_t bits = 0;
};

utf8_lead classify_lead(unsigned char b0) noexcept {
  if (b0 >= 0xC2 && b0 <= 0xDF) return {2, 0x80, b0 & 0x1Fu};
  if (b0 >= 0xE0 && b0 <= 0xEF) return {3, 0x800, b0 & 0x0Fu};
  if (b0 >= 0xF0 && b0 <= 0xF4) return {4, 0x10000, b0 & 0x07u};
  return {};
}

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) noexcept {
  const utf8_lead lead = classify_lead(static_cast<unsigned char>(s[i]));
  if (lead.len == 0 || i + lead.len > s.size()) return 0;
  cp = lead.bits;
  for (std::size_t k = 1; k < lead.len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (!is_continuation(b)) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < lead.min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return lead.len;
}

void append_code_point_escaped(std::string& out, std::uint32_t cp) {
  if (cp < 0x10000) return append_u_escape(out, cp);
  const std::uint32_t v = cp - 0x10000;
  append_u_escape(out, 0xD800 + (v >> 10));
  append_u_escape(out, 0xDC00 + (v & 0x3FF));
}

// A byte that needs no escaping in either mode: printable ASCII except `"` and `\`.
bool is_plain(unsigned char c, bool ensure_ascii) noexcept {
  if (c < 0x20 || c == '"' || c == '\\') return false;
  if (c < 0x7F) return true;
  // DEL is printable to json.dumps(ensure_ascii=False) but escaped with ensure_ascii=True.
  return c == 0x7F && !ensure_ascii;
}

// Handles one non-plain sequence at s[i]; returns the number of bytes consumed.
std::size_t append_special(std::string& out, std::string_view s, std::size_t i, bool ensure_ascii) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    if (const char e = short_escape(c)) {
      out.push_back('\\');
      out.push_back(e);
    } else {
      append_u_escape(out, c);
    }
    return 1;
  }
  std::uint32_t cp = 0;
  const std::size_t len = decode_utf8(s, i, cp);
  if (len == 0) {
    // Not UTF-8 (nvidia-smi on a misconfigured locale); keep the output valid JSON.
    if (ensure_ascii)
      append_u_escape(out, 0xFFFD);
    else
      out.append("\xEF\xBF\xBD");
    return 1;
  }
  if (ensure_ascii)
    append_code_point_escaped(out, cp);
  else
    out.append(s.substr(i, len));
  return len;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s, bool ensure_ascii) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t run = i;
    while (run < s.size() && is_plain(static_cast<unsigned char>(s[run]), ensure_ascii)) ++run;
    out.append(s.substr(i, run - i));
    if (run == s.size()) break;
    i = run + append_special(out, s, run, ensure_ascii);
  }
  out.push_back('"');
}

json_writer::json_writer(std::string& out, json_style style) noexcept : out_(out), style_(style) {}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0 || depth_ > max_depth) return;
  const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
  if (has_items_ & bit) out_.append(style_.spaced ? ", " : ",");
  has_items_ |= bit;
}

json_writer& json_writer::open(char c) {
  before_value();
  out_.push_back(c);
  ++depth_;
  assert(depth_ <= max_depth && "JSON nested too deeply");
  if (depth_ <= max_depth) has_items_ &= ~(std::uint64_t{1} << (depth_ - 1));
  return *this;
}

json_writer& json_writer::close(char c) {
  assert(depth_ > 0 && !after_key_ && "unbalanced JSON");
  out_.push_back(c);
  --depth_;
  return *this;
}

json_writer& json_writer::begin_object() { return open('{'); }
json_writer& json_writer::end_object() { return close('}'); }
json_writer& json_writer::begin_array() { return open('['); }
json_writer& json_writer::end_array() { return close(']'); }

json_writer& json_writer::key(std::string_view k) {
  before_value();
  append_json_string(out_, k, style_.ensure_ascii);
  out_.append(style_.spaced ? ": " : ":");
  after_key_ = true;
  return *this;
}

json_writer& json_writer::string(std::string_view s) {
  before_value();
  append_json_string(out_, s, style_.ensure_ascii);
  return *this;
}

json_writer& json_writer::integer(std::int64_t v) {
  before_value();
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, res.ptr);
  return *this;
}

json_writer& json_writer::number(double v) {
  before_value();
  append_python_float(out_, v);
  return *this;
}

json_writer& json_writer::boolean(bool v) {
  before_value();
  out_.append(v ? "true" : "false");
  return *this;
}

json_writer& json_writer::null() {
  before_value();
  out_.append("null");
  return *this;
}

json_writer& json_writer::raw(std::string_view json) {
  before_value();
  out_.append(json);
  return *this;
}

json_writer& json_writer::integer_or_null(const std::optional<std::int64_t>& v) {
  return v ? integer(*v) : null();
}

json_writer& json_writer::number_or_null(const std::optional<double>& v) {
  return v ? number(*v) : null();
}

json_writer& json_writer::string_or_null(const std::optional<std::string>& v) {
  return v ? string(*v) : null();
}

}  // namespace smistat::render
