#include "parsers/help_query_gpu.hpp"

#include <optional>

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

// Names go into nvidia-smi's argv as written, so a name is printable ASCII without blanks (a
// NUL would even cut it short there).
bool is_field_name(std::string_view name) noexcept {
  for (const char c : name)
    if (c <= ' ' || c >= '\x7f') return false;  // bytes >= 0x80 fail one test, signed char or not
  return true;
}

// A field line is one or more quoted names joined by ` or `: `"clocks.gr"` or
// `"clocks.current.graphics" or "clocks.gr"`. Description lines may also start with a quote,
// so everything on the line must fit that shape.
std::optional<std::vector<std::string>> parse_name_line(std::string_view line) {
  std::vector<std::string> names;
  for (;;) {
    if (line.size() < 2 || line.front() != '"') return std::nullopt;
    const auto close = line.find('"', 1);
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    const auto name = line.substr(1, close - 1);
    if (!is_field_name(name)) return std::nullopt;
    names.emplace_back(name);
    line.remove_prefix(close + 1);
    if (line.empty()) return names;
    if (!line.starts_with(" or ")) return std::nullopt;
    line.remove_prefix(4);
  }
}

}  // namespace

const query_field_help* query_field_catalog::find(std::string_view name_or_alias) const noexcept {
  for (const auto& f : fields) {
    if (f.name == name_or_alias) return &f;
    for (const auto& a : f.aliases)
      if (a == name_or_alias) return &f;
  }
  return nullptr;
}

query_field_catalog parse_help_query_gpu(std::string_view text) {
  query_field_catalog catalog;
  query_field_help* current = nullptr;
  bool in_section_heading = false;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const auto line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.empty()) {
      current = nullptr;
      in_section_heading = false;
      continue;
    }
    if (line.starts_with("Section about ")) {
      current = nullptr;
      in_section_heading = true;
      continue;
    }
    if (!current && !in_section_heading) {
      if (auto names = parse_name_line(line)) {
        query_field_help field;
        field.name = std::move(names->front());
        for (std::size_t i = 1; i < names->size(); ++i)
          if ((*names)[i] != field.name) field.aliases.push_back(std::move((*names)[i]));
        catalog.fields.push_back(std::move(field));
        current = &catalog.fields.back();
        continue;
      }
    }
    if (current) {
      if (!current->description.empty()) current->description += '\n';
      current->description += line;
    }
  }
  return catalog;
}

}  // namespace smistat::parsers
