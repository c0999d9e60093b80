#include "parsers/csv_dialect.hpp"

#include <algorithm>

namespace smistat::parsers {

std::string_view trim(std::string_view s) noexcept {
  // Plain loops: find_first_not_of(" \t\r") searches the set once per character, and `-q`
  // pads every key with dozens of blanks up to its colon.
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  std::size_t first = 0, end = s.size();
  while (first < end && blank(s[first])) ++first;
  while (end > first && blank(s[end - 1])) --end;
  return s.substr(first, end - first);
}

std::optional<csv_format> parse_format_argument(std::string_view arg) {
  csv_format format;
  bool saw_csv = false;
  while (!arg.empty()) {
    const auto comma = arg.find(',');
    const auto option = trim(arg.substr(0, comma));
    if (option == "csv")
      saw_csv = true;
    else if (option == "noheader")
      format.header = false;
    else if (option == "nounits")
      format.units = false;
    else
      return std::nullopt;
    if (comma == std::string_view::npos) break;
    arg.remove_prefix(comma + 1);
  }
  if (!saw_csv) return std::nullopt;
  return format;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  // Sized once: a sample's few lines would otherwise grow the vector four times.
  lines.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const auto line = text.substr(0, nl);
    if (!trim(line).empty()) {
      auto kept = line;
      if (!kept.empty() && kept.back() == '\r') kept.remove_suffix(1);
      lines.push_back(kept);
    }
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  for (;;) {
    const auto comma = line.find(',');
    cells.push_back(trim(line.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
  return cells;
}

returned_field parse_header_cell(std::string_view cell) {
  cell = trim(cell);
  if (cell.size() >= 2 && cell.back() == ']') {
    const auto open = cell.rfind(" [");
    if (open != std::string_view::npos)
      return {std::string(trim(cell.substr(0, open))),
              std::string(cell.substr(open + 2, cell.size() - open - 3))};
  }
  return {std::string(cell), {}};
}

std::vector<std::string> header_field_names(std::string_view csv_text) {
  std::vector<std::string> names;
  const auto lines = split_lines(csv_text);
  if (lines.empty()) return names;
  for (const auto cell : split_cells(lines.front())) names.push_back(parse_header_cell(cell).name);
  return names;
}

}  // namespace smistat::parsers
