#include "src/http/response_head.hpp"

#include <charconv>
#include <stdexcept>

#include "src/http/net.hpp"

namespace smistat::http {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept { return beast::iequals(a, b); }

void append_number(std::string& out, std::size_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  if (name.size() > max_header_field_bytes) throw std::length_error("field name too large");
  if (value.size() > max_header_field_bytes) throw std::length_error("field value too large");
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

}  // namespace

void write_response_head(const response& res, const wire_framing& framing, std::string_view date,
                         std::string& out) {
  out.clear();
  out += framing.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  append_number(out, res.status);
  out += ' ';
  out += bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
  out += "\r\n";
  append_field(out, "date", date);
  append_field(out, "server", "smistat");
  out += "content-length: ";
  append_number(out, res.body_size());
  out += "\r\n";
  if (!res.content_type.empty()) append_field(out, "content-type", res.content_type);
  std::string_view connection;
  if (!framing.keep_alive && framing.version >= 11) connection = "close";
  if (framing.keep_alive && framing.version == 10) connection = "keep-alive";
  for (const auto& h : res.headers) {
    // Beast's set() of the connection header below took the place of one given earlier.
    if (!connection.empty() && iequals(h.name, "connection")) continue;
    append_field(out, h.name, h.value);
  }
  if (!connection.empty()) append_field(out, "connection", connection);
  out += "\r\n";
}

}  // namespace smistat::http
