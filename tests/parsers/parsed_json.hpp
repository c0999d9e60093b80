#pragma once
// Renders everything the parsers read from one recorded machine folder as readable JSON, for
// the golden files `fixtures/<machine>/parsed.json`.

#include <filesystem>
#include <string>
#include <vector>

#include "parsers/cell.hpp"
#include "parsers/field_kind.hpp"

namespace smistat::test {

/** The typed value of `c` read as `kind`, as JSON text; `null` when it does not read. */
std::string typed_value_json(const parsers::cell& c, parsers::value_kind kind);

/** Everything parsed from `machine_dir`, as pretty JSON ending with a newline. */
std::string render_machine(const std::filesystem::path& machine_dir);

}  // namespace smistat::test
