#pragma once
// One CSV cell of nvidia-smi output with typed readers. A cell always keeps its raw text;
// readers return nullopt for placeholders and for text that does not have the asked shape.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/placeholder.hpp"

namespace smistat::parsers {

/** A trimmed cell: its text and whether it is a value or a placeholder (and which). A cell views
 *  text kept elsewhere: a query_table keeps the output its cells were read from, so a table's
 *  cells live as long as the table does. A sample's hundreds of cells are then no strings to
 *  build and free; owned_cell is for a cell that must outlive its text. */
struct cell {
  std::string_view raw;
  availability state = availability::present;

  bool has_value() const noexcept { return state == availability::present; }
  friend bool operator==(const cell&, const cell&) = default;  // compares the texts
};

/** A cell that keeps a copy of its text. Reads as a cell wherever one is asked for. */
struct owned_cell {
  std::string raw;
  availability state = availability::present;

  owned_cell() = default;
  explicit owned_cell(const cell& c) : raw(c.raw), state(c.state) {}
  operator cell() const noexcept { return cell{raw, state}; }
  bool has_value() const noexcept { return state == availability::present; }
  friend bool operator==(const owned_cell&, const owned_cell&) = default;
};

/** A cell of the text `trimmed` views (trimmed once more), placeholders classified. The cell
 *  views that text: it must outlive the cell. */
cell make_cell(std::string_view trimmed) noexcept;

/** Date and time as nvidia-smi prints them: `2026/07/14 08:12:53.353` (local time). */
struct smi_timestamp {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0;
  friend bool operator==(const smi_timestamp&, const smi_timestamp&) = default;
};

/** A number with an optional unit suffix: `35 %`, `81559 MiB`, `688.41 W`, `1980 MHz`,
 *  `0 us`, `-5`, `12.5`. Hex (`0x...`) is not a number here; see `to_hex`. */
std::optional<double> to_number(const cell& c) noexcept;
/** Like to_number but only for integral text (`81559 MiB` yes, `45.0` no). */
std::optional<std::int64_t> to_integer(const cell& c) noexcept;
/** The unit suffix of a number cell (`MiB` for `81559 MiB`), empty when none. */
std::string_view unit_of(const cell& c) noexcept;
/** Hex bitmasks and ids: `0x0000000000000001`, `0x1E8110DE`. */
std::optional<std::uint64_t> to_hex(const cell& c) noexcept;
/** `Enabled`/`Disabled`, `Yes`/`No`, `Active`/`Not Active`, `On`/`Off`, `True`/`False`. */
std::optional<bool> to_flag(const cell& c) noexcept;
/** Performance state `P0`..`P15` as its number. */
std::optional<int> to_pstate(const cell& c) noexcept;
/** `2026/07/14 08:12:53.353` (milliseconds optional). */
std::optional<smi_timestamp> to_timestamp(const cell& c) noexcept;

}  // namespace smistat::parsers
