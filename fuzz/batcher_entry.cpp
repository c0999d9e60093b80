// The loop-mode batcher: the bytes of a looping --query-gpu child, fed as they might arrive.
// Its promises, checked for several settings: how the bytes are split never matters; every
// row comes out exactly once, in order, and nothing else does; a batch never holds more rows than
// expected; within a batch the indices only grow.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/check.hpp"
#include "fuzz/entries.hpp"
#include "parsers/csv_dialect.hpp"
#include "parsers/query_batcher.hpp"

namespace smistat::fuzz {
namespace {

using parsers::query_batcher;

struct settings {
  std::size_t index_column;
  std::size_t expected_rows;
  std::size_t max_line_bytes;
};

struct outcome {
  std::vector<std::string> batches;
  std::uint64_t dropped = 0;
  bool operator==(const outcome&) const = default;
};

outcome run(std::string_view input, const settings& s, std::size_t piece) {
  query_batcher batcher(s.index_column, s.expected_rows, s.max_line_bytes);
  outcome out;
  for (std::size_t at = 0; at < input.size(); at += piece)
    for (auto& b : batcher.feed(input.substr(at, piece))) out.batches.push_back(std::move(b));
  if (auto last = batcher.finish()) out.batches.push_back(std::move(*last));
  out.dropped = batcher.dropped_lines();
  return out;
}

// What the header promises, computed the plain way: the rows in order, and the dropped count.
outcome expected_rows(std::string_view input, std::size_t max_line_bytes) {
  outcome want;
  std::string rows;
  for (;;) {
    const auto nl = input.find('\n');
    std::string_view line = input.substr(0, nl);
    if (nl == std::string_view::npos) {
      if (!line.empty()) ++want.dropped;  // a partial last line, at finish()
      break;
    }
    input.remove_prefix(nl + 1);
    if (line.size() > max_line_bytes) {
      ++want.dropped;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (parsers::trim(line).empty()) continue;
    rows.append(line);
    rows += '\n';
  }
  if (!rows.empty()) want.batches.push_back(std::move(rows));
  return want;
}

std::optional<std::uint64_t> index_in(std::string_view row, std::size_t column) {
  const auto cells = parsers::split_cells(row);
  if (column >= cells.size() || cells[column].empty()) return std::nullopt;
  std::uint64_t index = 0;
  const auto c = cells[column];
  const auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), index);
  if (ec != std::errc{} || end != c.data() + c.size()) return std::nullopt;
  return index;
}

void check_batch(std::string_view batch, const settings& s) {
  expect(!batch.empty() && batch.back() == '\n', "a batch is whole rows");
  std::size_t rows = 0;
  std::optional<std::uint64_t> last;
  for (const auto row : parsers::split_lines(batch)) {
    ++rows;
    const auto index = index_in(row, s.index_column);
    if (!index) continue;
    expect(!last || *index > *last, "indices grow within a batch", batch);
    last = index;
  }
  expect(s.expected_rows == 0 || rows <= s.expected_rows, "no batch holds more rows than expected");
}

}  // namespace

void query_batcher(std::string_view input) {
  static constexpr settings variants[] = {
      {0, 0, 64 * 1024}, {0, 2, 64 * 1024}, {1, 0, 24}, {2, 3, 8}};
  for (const settings& s : variants) {
    const outcome whole = run(input, s, input.empty() ? 1 : input.size());
    expect(run(input, s, 1) == whole, "feeding byte by byte changes nothing");
    expect(run(input, s, 7) == whole, "feeding in 7-byte pieces changes nothing");
    outcome joined{{}, whole.dropped};
    std::string all;
    for (const auto& b : whole.batches) {
      check_batch(b, s);
      all += b;
    }
    if (!all.empty()) joined.batches.push_back(std::move(all));
    expect(joined == expected_rows(input, s.max_line_bytes),
           "every row comes out once, in order, and every dropped line is counted");
  }
}

}  // namespace smistat::fuzz
