#pragma once
// `--query-gpu=...` / `--query-compute-apps=...` output mapped by position to the requested
// fields. nvidia-smi prints canonical names in the header even for aliases (`clocks.gr` comes
// back as `clocks.current.graphics [MHz]`), so the header is never used to find a column; a
// width mismatch is an error, never a guess.

#include <boost/system/result.hpp>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/cell.hpp"
#include "parsers/column_map.hpp"
#include "parsers/csv_dialect.hpp"
#include "parsers/field_catalogue.hpp"

namespace smistat::parsers {

/** A GPU that answered `Unable to determine the device handle for GPU<bus id>: <reason>`
 *  in place of its row; the other rows still parse. */
struct lost_gpu {
  std::string bus_id;  ///< `0000:03:00.0` as printed
  std::string reason;  ///< `GPU is lost.  Reboot the system to recover this GPU`
  std::string line;    ///< the whole line, trimmed
  friend bool operator==(const lost_gpu&, const lost_gpu&) = default;
};

/** The parsed table: `rows[i].size() == fields().size()` for every row. */
struct query_table {
  std::shared_ptr<const column_map> columns;  ///< what was asked for; null reads as no column
  std::vector<returned_field> returned;       ///< the header cells; empty with `noheader`
  std::vector<std::vector<cell>> rows;        ///< one per GPU (or per process), in output order
  std::vector<lost_gpu> lost;                 ///< error lines that stood in place of rows
  /** The text the cells view: the output they were read from, and what keep() added. Shared
   *  and never changed, so a copy of the table views the same text and it lives as long as the
   *  last copy. */
  std::vector<std::shared_ptr<const char[]>> texts;

  /** Keeps a copy of `text` as long as the table and its copies and returns a view of it: the
   *  output the cells are read from, or the text of a cell that was not in it (a derived
   *  figure, a table built by hand). One allocation, the count and the bytes together. */
  std::string_view keep(std::string_view text);

  /** The requested field names, in column order. */
  const std::vector<std::string>& fields() const noexcept;
  /** Labels the columns with `fields` (a table built by hand). */
  void set_fields(std::vector<std::string> fields);

  /** Column of a requested field name, or -1. Linear: tables have a few hundred columns. */
  int column(std::string_view field) const noexcept;
  /** Cell at (row, field); nullptr when the field was not requested. */
  const cell* find(std::size_t row, std::string_view field) const noexcept;
  /** The same for a GPU table, by handle: what renderers use, so a misspelt field cannot
   *  compile, and one array read finds the column. The string form stays for names that come
   *  from outside (a query, a recording). */
  const cell* find(std::size_t row, gpu_field field) const noexcept;
  /** The text of the cell at (row, field) when it holds a value; empty for a placeholder or a
   *  field not asked for. Valid as long as the table. */
  std::string_view value_text(std::size_t row, gpu_field field) const noexcept;
};

/** Parses one complete query output; the table keeps a copy of `text`, which its cells view.
 *  Fails with parse_errc on an empty document (header expected), a header or row whose width
 *  differs from `fields.size()`, or a bad header cell. `free_text_column` names the one column
 *  whose text may itself hold `, ` (nvidia-smi quotes nothing): a row with surplus cells keeps
 *  them, commas included, in that column's cell. */
boost::system::result<query_table> parse_query_csv(
    std::string_view text, std::span<const std::string> fields, csv_format format,
    std::optional<std::size_t> free_text_column = std::nullopt);
/** The same with the columns already mapped: a caller that parses the same request again and
 *  again (a loop child's batches) maps them once, and every table shares the map. `columns` is
 *  never null. */
boost::system::result<query_table> parse_query_csv(
    std::string_view text, std::shared_ptr<const column_map> columns, csv_format format,
    std::optional<std::size_t> free_text_column = std::nullopt);

/** Recognises a lost-GPU line (`GPU 0000:..` or `GPU0000:..`); nullopt for anything else. */
std::optional<lost_gpu> parse_lost_gpu_line(std::string_view line);

}  // namespace smistat::parsers
