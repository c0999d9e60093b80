// What publishing one 8-GPU sample costs the collector: copying the working snapshot into the
// store, against parsing the same query output (the work the sample exists for) in the same run.

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
#include "src/collect/snapshot_store.hpp"

namespace {

using namespace smistat;

std::string read_recording(const std::string& relative) {
  std::ifstream in(std::string(SMISTAT_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read fixture %s\n", relative.c_str());
    std::exit(EXIT_FAILURE);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const std::string machine = "synthetic-8x-h100__590.48.01/";

/** Every field of the recording, as its header names them. */
std::vector<std::string> header_fields(const std::string& csv) {
  std::vector<std::string> names;
  const auto lines = parsers::split_lines(csv);
  for (const auto c : parsers::split_cells(lines.at(0)))
    names.push_back(parsers::parse_header_cell(c).name);
  return names;
}

collect::snapshot recorded_snapshot() {
  const auto csv = read_recording(machine + "query-gpu.load.csv");
  collect::snapshot s;
  s.gpus = parsers::parse_query_csv(csv, header_fields(csv), {}).value();
  s.details = parsers::parse_query_details(read_recording(machine + "q.load.txt"));
  s.sampled_at = collect::wall_clock::now();
  s.health.runs_total = 1;
  return s;
}

void BM_parse_query_output(benchmark::State& state) {
  const auto csv = read_recording(machine + "query-gpu.load.csv");
  const auto fields = header_fields(csv);
  for (auto _ : state) benchmark::DoNotOptimize(parsers::parse_query_csv(csv, fields, {}));
}
BENCHMARK(BM_parse_query_output);

void BM_copy_snapshot(benchmark::State& state) {
  const auto working = recorded_snapshot();
  for (auto _ : state) {
    collect::snapshot copy = working;
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_copy_snapshot);

void BM_publish(benchmark::State& state) {
  const auto working = recorded_snapshot();
  collect::snapshot_store store;
  for (auto _ : state) benchmark::DoNotOptimize(store.publish(working));
}
BENCHMARK(BM_publish);

}  // namespace

BENCHMARK_MAIN();
