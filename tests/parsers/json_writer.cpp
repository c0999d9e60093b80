#include "tests/parsers/json_writer.hpp"

#include <cstdio>

namespace smistat::test {

std::string json_writer::quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_members_.empty()) return;
  if (has_members_.back()) out_ += ',';
  has_members_.back() = true;
  out_ += '\n';
  out_.append(2 * has_members_.size(), ' ');
}

void json_writer::close(char bracket) {
  const bool had_members = has_members_.back();
  has_members_.pop_back();
  if (had_members) {
    out_ += '\n';
    out_.append(2 * has_members_.size(), ' ');
  }
  out_ += bracket;
}

void json_writer::begin_object() {
  before_value();
  out_ += '{';
  has_members_.push_back(false);
}

void json_writer::end_object() { close('}'); }

void json_writer::begin_array() {
  before_value();
  out_ += '[';
  has_members_.push_back(false);
}

void json_writer::end_array() { close(']'); }

void json_writer::key(std::string_view name) {
  before_value();
  out_ += quote(name);
  out_ += ": ";
  after_key_ = true;
}

void json_writer::value(std::string_view s) {
  before_value();
  out_ += quote(s);
}

void json_writer::value(std::int64_t n) {
  before_value();
  out_ += std::to_string(n);
}

void json_writer::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void json_writer::null_value() {
  before_value();
  out_ += "null";
}

void json_writer::raw_value(std::string_view json) {
  before_value();
  out_ += json;
}

inline_object& inline_object::raw(std::string_view name, std::string_view json) {
  if (!body_.empty()) body_ += ", ";
  body_ += json_writer::quote(name);
  body_ += ": ";
  body_ += json;
  return *this;
}

inline_object& inline_object::str(std::string_view name, std::string_view s) {
  return raw(name, json_writer::quote(s));
}

}  // namespace smistat::test
