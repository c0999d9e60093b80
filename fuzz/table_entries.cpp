// The CSV tables: --query-gpu and --query-compute-apps. The requested fields come from the input
// itself (the header's names, or as many columns as the first line has), so recorded outputs
// parse whole and the fuzzer mutates rows rather than only tripping the width check.
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/check.hpp"
#include "fuzz/entries.hpp"
#include "parsers/compute_apps.hpp"
#include "parsers/csv_dialect.hpp"
#include "parsers/field_kind.hpp"
#include "parsers/parse_error.hpp"
#include "parsers/query_csv.hpp"
#include "parsers/query_fields.hpp"
#include "src/common/python_float.hpp"

namespace smistat::fuzz {
namespace {

using namespace smistat::parsers;

// Field names for a header-less table as wide as the first line: smistat's own fields in query
// order, so each column gets the kind the collector reads it as.
std::vector<std::string> positional_names(std::string_view text) {
  const auto lines = split_lines(text);
  const std::size_t width = lines.empty() ? 1 : split_cells(lines.front()).size();
  const auto known = default_query_fields();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < width; ++i)
    names.push_back(i < known.size() ? std::string(known[i].key) : "field." + std::to_string(i));
  return names;
}

// Numbers reach JSON and Prometheus bodies through Python's repr: finite, and read back exact.
void expect_renderable(double v, const cell& c) {
  expect(std::isfinite(v), "a number cell reads as a finite number", c.raw);
  std::string text;
  common::append_python_float(text, v);
  expect(std::strtod(text.c_str(), nullptr) == v, "a number renders back to itself", text);
}

void check_cell(const cell& c) {
  expect(c.raw == trim(c.raw), "cells are trimmed", c.raw);
  expect(c.has_value() == (classify_cell(c.raw) == availability::present),
         "a cell's state is its text's classification", c.raw);
  const auto number = to_number(c);
  if (number) expect_renderable(*number, c);
  if (to_integer(c)) expect(number.has_value(), "an integer cell is a number too", c.raw);
  if (const auto p = to_pstate(c)) expect(*p >= 0 && *p <= 15, "pstates are P0..P15", c.raw);
  if (const auto t = to_timestamp(c))
    expect(t->month >= 1 && t->month <= 12 && t->millisecond < 1000, "timestamps in range", c.raw);
  if (!c.has_value()) {
    expect(!number && !to_hex(c) && !to_flag(c) && !to_pstate(c) && !to_timestamp(c),
           "a placeholder has no value", c.raw);
  }
}

void check_table(std::string_view text, const std::vector<std::string>& fields, csv_format format) {
  const auto table = parse_query_csv(text, fields, format);
  if (!table) {
    expect(table.error().category() == parse_category(), "failures are parse_errc");
    return;
  }
  expect(table->fields() == fields, "the table keeps the requested fields");
  expect(table->rows.size() + table->lost.size() <= split_lines(text).size(),
         "no more rows than lines");
  // Once per column, as the collector does.
  for (std::size_t i = 0; i < fields.size(); ++i)
    (void)kind_of_field(fields[i], table->returned.empty()
                                       ? std::string_view()
                                       : std::string_view(table->returned[i].unit));
  for (const auto& row : table->rows) {
    expect(row.size() == fields.size(), "every row is as wide as the request");
    for (const auto& c : row) check_cell(c);
  }
  for (const auto& lost : table->lost)
    expect(!lost.bus_id.empty() && lost.line.find('\n') == std::string::npos,
           "a lost GPU has a bus id and one line", lost.line);
}

void check_apps(std::string_view text, const std::vector<std::string>& fields, csv_format format) {
  const auto apps = parse_compute_apps(text, fields, format);
  if (!apps) return;
  expect(apps->size() <= split_lines(text).size(), "no more processes than lines");
  for (const auto& app : *apps) {
    if (app.used_memory_mib)
      expect(app.used_memory.has_value(), "used memory comes from a value cell",
             app.used_memory.raw);
    expect(app.process_name == trim(app.process_name), "process names are trimmed");
  }
}

}  // namespace

void query_csv(std::string_view input) {
  const auto named = header_field_names(input);
  check_table(input, named, {true, true});
  check_table(input, named, {true, false});
  check_table(input, positional_names(input), {false, false});
}

void compute_apps(std::string_view input) {
  check_apps(input, header_field_names(input), {true, true});
  const auto defaults = default_compute_app_fields();
  check_apps(input, {defaults.begin(), defaults.end()}, {false, false});
}

}  // namespace smistat::fuzz
