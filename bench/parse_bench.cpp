// Parses what smistat's default query returns on an 8-GPU host: the real H100 load row cut to
// the default field set, `noheader,nounits`, repeated for indices 0..7; and the same host's
// `nvidia-smi -q`. Split-only baselines run over the same texts so results read as ratios,
// whatever the machine.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/csv_dialect.hpp"
#include "parsers/query_csv.hpp"
#include "parsers/query_details.hpp"
#include "parsers/query_fields.hpp"

namespace {

using namespace smistat::parsers;

struct sample {
  std::vector<std::string> fields;
  std::string text;
};

std::string read_recording(const char* relative) {
  std::ifstream in(std::string(SMISTAT_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read fixture %s\n", relative);
    std::exit(EXIT_FAILURE);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `nounits` drops the ` <unit>` suffix of values whose header has a unit.
std::string without_unit(std::string_view value, const returned_field& header) {
  if (!header.unit.empty() && value.ends_with(" " + header.unit))
    value.remove_suffix(header.unit.size() + 1);
  return std::string(value);
}

sample build_sample() {
  const auto csv = read_recording("h100-80gb-hbm3__590.48.01/query-gpu.load.csv");
  const auto lines = split_lines(csv);  // views into csv
  std::vector<returned_field> header;
  for (const auto c : split_cells(lines.at(0))) header.push_back(parse_header_cell(c));
  const auto row = split_cells(lines.at(1));
  sample s;
  std::vector<std::size_t> columns;
  for (const auto& wanted : default_query_fields())
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i].name == wanted.key) {
        s.fields.emplace_back(wanted.key);
        columns.push_back(i);
      }
  for (int gpu = 0; gpu < 8; ++gpu) {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (k > 0) s.text += ", ";
      // `index` is the first default field; every row gets its own.
      s.text += k == 0 ? std::to_string(gpu) : without_unit(row[columns[k]], header[columns[k]]);
    }
    s.text += '\n';
  }
  return s;
}

const sample& shared_sample() {
  static const sample s = build_sample();
  return s;
}

void bm_split_only_baseline(benchmark::State& state) {
  const auto& s = shared_sample();
  for (auto _ : state) {
    std::size_t cells = 0;
    for (const auto line : split_lines(s.text)) cells += split_cells(line).size();
    benchmark::DoNotOptimize(cells);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.text.size()));
}

void bm_parse_query_csv_8_gpus(benchmark::State& state) {
  const auto& s = shared_sample();
  const csv_format format{.header = false, .units = false};
  for (auto _ : state) {
    auto table = parse_query_csv(s.text, s.fields, format);
    if (!table || table->rows.size() != 8) state.SkipWithError("sample did not parse");
    benchmark::DoNotOptimize(table);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.text.size()));
  state.counters["fields"] = static_cast<double>(s.fields.size());
}

// What a loop or interval sample parses: the column map built once for the fields asked is
// shared by every table (collect::gpu_columns), so only the rows are read each time.
void bm_parse_query_csv_8_gpus_kept_columns(benchmark::State& state) {
  const auto& s = shared_sample();
  const csv_format format{.header = false, .units = false};
  const auto columns = column_map::make(s.fields);
  for (auto _ : state) {
    auto table = parse_query_csv(s.text, columns, format);
    if (!table || table->rows.size() != 8) state.SkipWithError("sample did not parse");
    benchmark::DoNotOptimize(table);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.text.size()));
  state.counters["fields"] = static_cast<double>(s.fields.size());
}

// The details part's `nvidia-smi -q` of the 8-GPU recording (110 KB), beside the bare line
// split of the same text.
const std::string& shared_details() {
  static const std::string text = read_recording("synthetic-8x-h100__590.48.01/q.load.txt");
  return text;
}

void bm_split_details_baseline(benchmark::State& state) {
  const auto& text = shared_details();
  for (auto _ : state) benchmark::DoNotOptimize(split_lines(text).size());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void bm_parse_query_details_8_gpus(benchmark::State& state) {
  const auto& text = shared_details();
  for (auto _ : state) {
    auto gpus = parse_query_details(text);
    if (gpus.size() != 8) state.SkipWithError("-q did not parse");
    benchmark::DoNotOptimize(gpus);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

BENCHMARK(bm_split_only_baseline);
BENCHMARK(bm_parse_query_csv_8_gpus);
BENCHMARK(bm_parse_query_csv_8_gpus_kept_columns);
BENCHMARK(bm_split_details_baseline);
BENCHMARK(bm_parse_query_details_8_gpus);

}  // namespace

BENCHMARK_MAIN();
