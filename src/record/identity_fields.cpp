#include "src/record/identity_fields.hpp"

#include <vector>

#include "parsers/csv_dialect.hpp"

namespace smistat::record::detail {
namespace {

/** The lines of `text`, each with its `\n` (the last one may lack it). */
std::vector<std::string_view> lines_with_ends(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const auto len = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(0, len));
    text.remove_prefix(len);
  }
  return lines;
}

/** A line without its `\n`, which the callers put back. */
std::string_view without_newline(std::string_view line) {
  return line.ends_with('\n') ? line.substr(0, line.size() - 1) : line;
}

/** `segment` with its trimmed content replaced and its surrounding blanks kept. */
std::string replace_trimmed(std::string_view segment, const std::string& value) {
  const auto content = parsers::trim(segment);
  if (content.empty()) return std::string(segment);
  const auto start = static_cast<std::size_t>(content.data() - segment.data());
  return std::string(segment.substr(0, start)) + value +
         std::string(segment.substr(start + content.size()));
}

/** One data row with the cells of `kinds` (by position) replaced. Cells are split on every
 *  comma, as nvidia-smi writes them (it never quotes), so the bytes between them survive. */
std::string mask_row(std::string_view line, const std::vector<std::optional<identity_kind>>& kinds,
                     const replace_value& replace) {
  std::string out;
  std::size_t column = 0;
  std::size_t pos = 0;
  while (true) {
    const auto comma = line.find(',', pos);
    const auto end = comma == std::string_view::npos ? line.size() : comma;
    const auto segment = line.substr(pos, end - pos);
    const auto value = parsers::trim(segment);
    if (column < kinds.size() && kinds[column] && is_identity_value(value))
      out += replace_trimmed(segment, replace(*kinds[column], value));
    else
      out += segment;
    if (comma == std::string_view::npos) break;
    out += ',';
    pos = comma + 1;
    ++column;
  }
  return out;
}

}  // namespace

std::optional<identity_kind> csv_column_identity(std::string_view column) {
  if (column == "serial" || column == "gpu_serial") return identity_kind::serial;
  if (column == "platform.chassis_serial_number") return identity_kind::chassis_serial;
  if (column == "platform.gpu_fabric_guid") return identity_kind::fabric_guid;
  return std::nullopt;  // UUID columns need no name: UUIDs are masked by their shape
}

std::optional<identity_kind> details_key_identity(std::string_view key) {
  if (key == "Serial Number") return identity_kind::serial;
  if (key == "Chassis Serial Number") return identity_kind::chassis_serial;
  // The persistent device identifier (driver 580+) is as unique as the serial.
  if (key == "GPU PDI") return identity_kind::pdi;
  if (key == "GPU Fabric GUID") return identity_kind::fabric_guid;
  return std::nullopt;
}

std::optional<identity_kind> xml_element_identity(std::string_view element) {
  if (element == "serial") return identity_kind::serial;
  if (element == "chassis_serial_number") return identity_kind::chassis_serial;
  if (element == "pdi") return identity_kind::pdi;
  if (element == "gpu_fabric_guid") return identity_kind::fabric_guid;
  return std::nullopt;
}

bool is_identity_value(std::string_view value) {
  return !value.empty() && value.front() != '[' && value != "N/A";
}

std::string mask_csv_columns(std::string_view csv, const replace_value& replace) {
  const auto lines = lines_with_ends(csv);
  if (lines.empty()) return std::string(csv);
  std::vector<std::optional<identity_kind>> kinds;
  bool any = false;
  for (const auto cell : parsers::split_cells(parsers::trim(lines.front()))) {
    kinds.push_back(csv_column_identity(parsers::parse_header_cell(cell).name));
    any = any || kinds.back().has_value();
  }
  if (!any) return std::string(csv);
  std::string out(lines.front());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto body = without_newline(lines[i]);
    out += mask_row(body, kinds, replace);
    out += lines[i].substr(body.size());
  }
  return out;
}

std::string mask_details_lines(std::string_view text, const replace_value& replace) {
  std::string out;
  out.reserve(text.size());
  for (const auto full_line : lines_with_ends(text)) {
    const auto line = without_newline(full_line);
    const auto colon = line.find(" : ");
    const auto kind = colon == std::string_view::npos
                          ? std::nullopt
                          : details_key_identity(parsers::trim(line.substr(0, colon)));
    const auto value_part = colon == std::string_view::npos ? line : line.substr(colon + 3);
    if (kind && is_identity_value(parsers::trim(value_part))) {
      out += line.substr(0, colon + 3);
      out += replace_trimmed(value_part, replace(*kind, parsers::trim(value_part)));
    } else {
      out += line;
    }
    out += full_line.substr(line.size());
  }
  return out;
}

std::string mask_xml_elements(std::string_view xml, const replace_value& replace) {
  std::string out;
  out.reserve(xml.size());
  for (const auto full_line : lines_with_ends(xml)) {
    // nvidia-smi prints each value element whole on its own line: `\t\t<serial>...</serial>`.
    const auto open = full_line.find('<');
    const auto open_end = full_line.find('>', open);
    const auto close = full_line.find("</", open_end);
    const auto kind = open == std::string_view::npos || open_end == std::string_view::npos ||
                              close == std::string_view::npos
                          ? std::nullopt
                          : xml_element_identity(full_line.substr(open + 1, open_end - open - 1));
    const auto value = kind ? full_line.substr(open_end + 1, close - open_end - 1) : "";
    if (!kind || !is_identity_value(value)) {
      out += full_line;
      continue;
    }
    out += full_line.substr(0, open_end + 1);
    out += replace(*kind, value);
    out += full_line.substr(close);
  }
  return out;
}

}  // namespace smistat::record::detail
