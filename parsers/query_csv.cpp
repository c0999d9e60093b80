#include "parsers/query_csv.hpp"

#include <algorithm>

#include "parsers/parse_error.hpp"

namespace smistat::parsers {
namespace {

constexpr std::string_view lost_prefix = "Unable to determine the device handle for GPU";

// A header name is one word: nvidia-smi never prints blanks or brackets in a field name.
bool is_valid_header(const returned_field& f) noexcept {
  return !f.name.empty() && f.name.find_first_of(" \t[]") == std::string::npos &&
         f.unit.find_first_of("[]") == std::string::npos;
}

boost::system::result<std::vector<returned_field>> parse_header(std::string_view line,
                                                                std::size_t width) {
  const auto cells = split_cells(line);
  if (cells.size() != width) return make_error_code(parse_errc::header_mismatch);
  std::vector<returned_field> header;
  header.reserve(cells.size());
  for (const auto c : cells) {
    header.push_back(parse_header_cell(c));
    if (!is_valid_header(header.back())) return make_error_code(parse_errc::bad_header_field);
  }
  return header;
}

// Where each cell of `line` starts and ends (before trimming): the text between commas. Into
// `cells`, which the caller keeps across rows so that a table allocates it once. A loop over
// the bytes rather than find(',') per cell: a cell is a few bytes, fewer than a call to memchr
// costs to set up.
void raw_cells(std::string_view line, std::vector<std::string_view>& cells) {
  cells.clear();
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ',') continue;
    cells.push_back(line.substr(start, i - start));
    start = i + 1;
  }
  cells.push_back(line.substr(start));
}

// The cells from `first` to `last` as one stretch of the line, separators included.
std::string_view joined(const std::vector<std::string_view>& cells, std::size_t first,
                        std::size_t last) {
  const char* begin = cells[first].data();
  const char* end = cells[last].data() + cells[last].size();
  return {begin, static_cast<std::size_t>(end - begin)};
}

std::optional<std::vector<cell>> parse_row(std::string_view line, std::size_t width,
                                           std::optional<std::size_t> free_text_column,
                                           std::vector<std::string_view>& cells) {
  raw_cells(line, cells);
  if (cells.size() < width) return std::nullopt;
  const std::size_t surplus = cells.size() - width;
  if (surplus > 0 && (!free_text_column || *free_text_column >= width)) return std::nullopt;
  std::vector<cell> row;
  row.reserve(width);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (surplus > 0 && i == *free_text_column) {
      row.push_back(make_cell(joined(cells, i, i + surplus)));
      i += surplus;
      continue;
    }
    row.push_back(make_cell(cells[i]));
  }
  return row;
}

// The cell at (row, column); nullptr for column -1 (not asked) or a row past the end.
const cell* cell_at(const query_table& t, std::size_t row, int column) noexcept {
  if (column < 0 || row >= t.rows.size()) return nullptr;
  return &t.rows[row][static_cast<std::size_t>(column)];
}

}  // namespace

const std::vector<std::string>& query_table::fields() const noexcept {
  static const std::vector<std::string> none;
  return columns ? columns->fields() : none;
}

void query_table::set_fields(std::vector<std::string> fields) {
  columns = std::make_shared<const column_map>(std::move(fields));
}

std::string_view query_table::keep(std::string_view text) {
  auto copy = std::make_shared_for_overwrite<char[]>(text.size());
  std::copy(text.begin(), text.end(), copy.get());
  return {texts.emplace_back(std::move(copy)).get(), text.size()};
}

int query_table::column(std::string_view field) const noexcept {
  return columns ? columns->column(field) : -1;
}

const cell* query_table::find(std::size_t row, std::string_view field) const noexcept {
  return cell_at(*this, row, column(field));
}

const cell* query_table::find(std::size_t row, gpu_field field) const noexcept {
  return cell_at(*this, row, columns ? columns->column(field) : -1);
}

std::string_view query_table::value_text(std::size_t row, gpu_field field) const noexcept {
  const cell* c = find(row, field);
  return c && c->has_value() ? c->raw : std::string_view();
}

std::optional<lost_gpu> parse_lost_gpu_line(std::string_view line) {
  line = trim(line.substr(0, line.find('\n')));
  if (!line.starts_with(lost_prefix)) return std::nullopt;
  auto rest = line.substr(lost_prefix.size());
  if (rest.starts_with(' ')) rest.remove_prefix(1);  // some drivers print `GPU0000:07:00.0`
  const auto colon = rest.find(": ");
  if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
  return lost_gpu{std::string(rest.substr(0, colon)), std::string(trim(rest.substr(colon + 2))),
                  std::string(line)};
}

boost::system::result<query_table> parse_query_csv(std::string_view text,
                                                   std::span<const std::string> fields,
                                                   csv_format format,
                                                   std::optional<std::size_t> free_text_column) {
  return parse_query_csv(text, column_map::make(fields), format, free_text_column);
}

boost::system::result<query_table> parse_query_csv(std::string_view text,
                                                   std::shared_ptr<const column_map> columns,
                                                   csv_format format,
                                                   std::optional<std::size_t> free_text_column) {
  query_table table;
  // One copy of the output, which every cell views, instead of a string per cell.
  text = table.keep(text);
  const auto lines = split_lines(text);
  if (lines.empty() && format.header) return make_error_code(parse_errc::empty_input);
  const auto& fields = columns->fields();
  table.columns = std::move(columns);
  table.rows.reserve(lines.size());
  bool need_header = format.header;
  std::vector<std::string_view> cells;
  cells.reserve(fields.size() + 1);
  for (const auto line : lines) {
    // A lost GPU can answer before the header too: nvidia-smi prints per-device errors as it
    // walks the devices.
    if (auto lost = parse_lost_gpu_line(line)) {
      table.lost.push_back(std::move(*lost));
      continue;
    }
    if (need_header) {
      auto header = parse_header(line, fields.size());
      if (!header) return header.error();
      table.returned = std::move(*header);
      need_header = false;
      continue;
    }
    auto row = parse_row(line, fields.size(), free_text_column, cells);
    if (!row) return make_error_code(parse_errc::ragged_row);
    table.rows.push_back(std::move(*row));
  }
  // Only lost-GPU lines is still an answer: every GPU is lost, and the caller must see which.
  if (need_header && table.lost.empty()) return make_error_code(parse_errc::empty_input);
  return table;
}

}  // namespace smistat::parsers
