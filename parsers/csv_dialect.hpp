#pragma once
// The CSV dialect of `nvidia-smi --format=csv`: `, ` separators, no quoting, header cells
// `name [unit]`, optional `noheader`/`nounits`, `\r\n` tolerated, blank lines ignored.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::parsers {

/** The `--format=` options. */
struct csv_format {
  bool header = true;  ///< false with `noheader`
  bool units = true;   ///< false with `nounits` (units leave the values, not the header)
  friend bool operator==(const csv_format&, const csv_format&) = default;
};

/** Parses the argument of `--format=` (`csv`, `csv,noheader,nounits`, `noheader,nounits,csv`).
 *  nullopt when `csv` is missing or an option is unknown. */
std::optional<csv_format> parse_format_argument(std::string_view arg);

/** Splits text into lines without their `\n` / `\r\n`, dropping blank (whitespace-only) lines. */
std::vector<std::string_view> split_lines(std::string_view text);

/** Splits one line on `,` and trims surrounding blanks from every cell. No quoting exists. */
std::vector<std::string_view> split_cells(std::string_view line);

/** Trims spaces, tabs and `\r` from both ends. */
std::string_view trim(std::string_view s) noexcept;

/** What came back in a header cell: `memory.used [MiB]` -> {"memory.used", "MiB"}. */
struct returned_field {
  std::string name;
  std::string unit;  ///< empty when the header cell has no `[unit]`
  friend bool operator==(const returned_field&, const returned_field&) = default;
};

returned_field parse_header_cell(std::string_view cell);

/** The field names of a table's header, its first non-blank line (`memory.used [MiB]` ->
 *  `memory.used`); empty for a table with no lines. For tables that carry their own header. */
std::vector<std::string> header_field_names(std::string_view csv_text);

}  // namespace smistat::parsers
