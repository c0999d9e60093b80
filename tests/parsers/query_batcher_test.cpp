#include "parsers/query_batcher.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "parsers/csv_dialect.hpp"
#include "parsers/query_csv.hpp"
#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

// What nvidia-smi prints in place of a lost GPU's row (marian-nmt/marian#251).
const std::string lost =
    "Unable to determine the device handle for GPU 0000:18:00.0: GPU is lost.  Reboot the "
    "system to recover this GPU\n";

struct outcome {
  std::vector<std::string> batches;  ///< from feed(), oldest first
  std::optional<std::string> last;   ///< from finish()
  std::uint64_t dropped = 0;
  friend bool operator==(const outcome&, const outcome&) = default;
};

void PrintTo(const outcome& o, std::ostream* os) {
  *os << "batches:";
  for (const auto& b : o.batches) *os << " [" << b << "]";
  *os << " last: " << (o.last ? "[" + *o.last + "]" : "none") << " dropped: " << o.dropped;
}

struct batch_case {
  const char* name;
  std::size_t index_column;
  std::size_t expected_rows;
  std::string input;
  outcome want;
  std::size_t max_line_bytes = 64 * 1024;
};

// Feeds `input` in pieces of `chunk` bytes (0: all at once), starting with a piece of `first`.
outcome run(const batch_case& c, std::size_t chunk, std::size_t first = 0) {
  query_batcher batcher(c.index_column, c.expected_rows, c.max_line_bytes);
  outcome got;
  std::string_view rest = c.input;
  auto take = [&](std::size_t n) {
    for (auto& b : batcher.feed(rest.substr(0, n))) got.batches.push_back(std::move(b));
    rest.remove_prefix(std::min(n, rest.size()));
  };
  if (first > 0) take(first);
  while (!rest.empty()) take(chunk == 0 ? rest.size() : chunk);
  got.last = batcher.finish();
  got.dropped = batcher.dropped_lines();
  return got;
}

// Every rule must hold however the bytes are split: whole, byte at a time, and cut in two at
// every position.
void check(const batch_case& c) {
  SCOPED_TRACE(c.name);
  EXPECT_EQ(run(c, 0), c.want) << "whole";
  EXPECT_EQ(run(c, 1), c.want) << "byte at a time";
  for (std::size_t at = 1; at < c.input.size(); ++at) EXPECT_EQ(run(c, 0, at), c.want) << at;
}

TEST(query_batcher, batch_boundaries) {
  const batch_case cases[] = {
      {"expected rows complete a batch at once",
       0,
       2,
       "0, a\n1, b\n0, c\n1, d\n",
       {{"0, a\n1, b\n", "0, c\n1, d\n"}, std::nullopt}},
      {"count unknown: the next sample's first row completes a batch",
       0,
       0,
       "0, a\n1, b\n0, c\n1, d\n",
       {{"0, a\n1, b\n"}, "0, c\n1, d\n"}},
      {"an equal index is not greater: a new sample", 0, 0, "0\n0\n0\n", {{"0\n", "0\n"}, "0\n"}},
      {"a regression before the expected count ends a short batch",
       0,
       3,
       "0\n1\n0\n1\n2\n",
       {{"0\n1\n", "0\n1\n2\n"}, std::nullopt}},
      {"index in a later column",
       2,
       0,
       "x, y, 0\nx, y, 1\nx, y, 0\n",
       {{"x, y, 0\nx, y, 1\n"}, "x, y, 0\n"}},
      {"indices with gaps (-i 2,5)",
       0,
       0,
       "2, a\n5, b\n2, a\n5, b\n",
       {{"2, a\n5, b\n"}, "2, a\n5, b\n"}},
      {"index cell trimmed, row text kept as printed",
       0,
       2,
       "  0 , a\n 1,b\n",
       {{"  0 , a\n 1,b\n"}, std::nullopt}},
      {"empty input", 0, 0, "", {{}, std::nullopt}},
  };
  for (const auto& c : cases) check(c);
}

TEST(query_batcher, line_endings_and_blank_lines) {
  const batch_case cases[] = {
      {"CRLF loses its \\r", 0, 2, "0, a\r\n1, b\r\n0, c\r\n", {{"0, a\n1, b\n"}, "0, c\n"}},
      {"blank and whitespace-only lines are ignored",
       0,
       2,
       "\n0, a\n\r\n  \n1, b\n\n",
       {{"0, a\n1, b\n"}, std::nullopt}},
      {"a \\r inside a line stays", 0, 0, "0, a\rb\n", {{}, "0, a\rb\n"}},
  };
  for (const auto& c : cases) check(c);
}

TEST(query_batcher, rows_without_index) {
  const batch_case cases[] = {
      {"lost GPU line first in a batch",
       0,
       3,
       "0, a\n1, b\n2, c\n" + lost + "1, b\n2, c\n",
       {{"0, a\n1, b\n2, c\n", lost + "1, b\n2, c\n"}, std::nullopt}},
      {"lost GPU line last in a batch",
       0,
       3,
       "0, a\n1, b\n" + lost + "0, a\n1, b\n" + lost,
       {{"0, a\n1, b\n" + lost, "0, a\n1, b\n" + lost}, std::nullopt}},
      {"lost last, count unknown: closed by the next sample's first row",
       0,
       0,
       "0, a\n1, b\n" + lost + "0, a\n",
       {{"0, a\n1, b\n" + lost}, "0, a\n"}},
      {"lost first, count unknown: it joins the earlier batch (documented)",
       0,
       0,
       "0, a\n1, b\n" + lost + "1, b\n",
       {{"0, a\n1, b\n" + lost}, "1, b\n"}},
      {"lost in the middle keeps the batch's last index",
       0,
       0,
       "0\n" + lost + "2\n0\n",
       {{"0\n" + lost + "2\n"}, "0\n"}},
      {"lost in the middle, next index still greater",
       0,
       0,
       "0\n" + lost + "1\n",
       {{}, "0\n" + lost + "1\n"}},
      {"a batch of lost lines only", 0, 2, lost + lost, {{lost + lost}, std::nullopt}},
      {"non-numeric index cells",
       0,
       0,
       "[N/A], a\n1, b\n-1, c\n2.5, d\n, e\n0, f\n",
       {{"[N/A], a\n1, b\n-1, c\n2.5, d\n, e\n"}, "0, f\n"}},
      {"a row too short to reach the index column",
       2,
       0,
       "a, b, 0\nshort\na, b, 1\n",
       {{}, "a, b, 0\nshort\na, b, 1\n"}},
  };
  for (const auto& c : cases) check(c);
}

TEST(query_batcher, damaged_rows) {
  const batch_case cases[] = {
      {"ragged rows pass through unchanged",
       0,
       2,
       "0, a, b\n1, a\n0\n1, a, b, c\n",
       {{"0, a, b\n1, a\n", "0\n1, a, b, c\n"}, std::nullopt}},
      {"a truncated row, then the next sample on its own line",
       0,
       0,
       "0, H100, P0\n1, H100, P0\n2, H1\n0, H100, P0\n",
       {{"0, H100, P0\n1, H100, P0\n2, H1\n"}, "0, H100, P0\n"}},
      {"the same with the count known",
       0,
       3,
       "0, H100, P0\n1, H100, P0\n2, H1\n0, H100, P0\n",
       {{"0, H100, P0\n1, H100, P0\n2, H1\n"}, "0, H100, P0\n"}},
      {"a partial last line is dropped at finish", 0, 0, "0, a\n1, b", {{}, "0, a\n", 1}},
      {"only a partial line", 0, 0, "0, a", {{}, std::nullopt, 1}},
  };
  for (const auto& c : cases) check(c);
}

TEST(query_batcher, over_long_lines_are_dropped_and_counted) {
  const batch_case cases[] = {
      {"dropped up to its newline",
       0,
       0,
       "0, a\n1, 0123456789abc\n2, c\n",
       {{}, "0, a\n2, c\n", 1},
       10},
      {"exactly the limit is kept", 0, 0, "0, 1234567\n", {{}, "0, 1234567\n"}, 10},
      {"a \\r counts towards the limit", 0, 0, "0, 1234567\r\n", {{}, std::nullopt, 1}, 10},
      {"unfinished at the end: counted once", 0, 0, "0, a\n1, bbbbbbbbbbbb", {{}, "0, a\n", 1}, 10},
      {"two of them",
       0,
       2,
       "xxxxxxxxxxxx\n0\nyyyyyyyyyyyyyyy\n1\n",
       {{"0\n1\n"}, std::nullopt, 2},
       10},
  };
  for (const auto& c : cases) check(c);
}

TEST(query_batcher, expected_rows_can_change) {
  query_batcher batcher(0, 0);
  EXPECT_EQ(batcher.feed("0\n1\n0\n1\n"), std::vector<std::string>{"0\n1\n"});
  // The batch in progress already holds two rows: the next feed() hands it over first.
  batcher.set_expected_rows(2);
  EXPECT_EQ(batcher.feed(""), std::vector<std::string>{"0\n1\n"});
  EXPECT_EQ(batcher.feed("0\n1\n"), std::vector<std::string>{"0\n1\n"});
  batcher.set_expected_rows(3);
  EXPECT_EQ(batcher.feed("0\n1\n"), std::vector<std::string>{});
  EXPECT_EQ(batcher.feed("2\n0\n"), std::vector<std::string>{"0\n1\n2\n"});
  batcher.set_expected_rows(1);
  EXPECT_EQ(batcher.feed("1\n"), (std::vector<std::string>{"0\n", "1\n"}));
  batcher.set_expected_rows(0);
  EXPECT_EQ(batcher.feed("0\n1\n"), std::vector<std::string>{});
  EXPECT_EQ(batcher.finish(), "0\n1\n");
}

TEST(query_batcher, finish_readies_it_for_the_next_stream) {
  query_batcher batcher(0, 0, 8);
  EXPECT_EQ(batcher.feed("0\n1\n2, cut"), std::vector<std::string>{});
  EXPECT_EQ(batcher.finish(), "0\n1\n");
  EXPECT_EQ(batcher.finish(), std::nullopt);
  // A restarted child starts from index 0 again: no regression against the old stream.
  EXPECT_EQ(batcher.feed("0\n1\n0\n"), std::vector<std::string>{"0\n1\n"});
  EXPECT_EQ(batcher.dropped_lines(), 1u);
}

TEST(query_batcher, batches_of_a_recording_parse_as_tables) {
  // Three samples of the 8-GPU machine's recorded rows, as a loop prints them.
  const auto csv =
      test::read_file(test::fixtures_dir() / "synthetic-8x-h100__590.48.01/query-gpu.load.csv");
  const auto lines = split_lines(csv);
  ASSERT_EQ(lines.size(), 9u);
  std::vector<std::string> fields;
  for (const auto cell : split_cells(lines[0])) fields.push_back(parse_header_cell(cell).name);
  std::string stream;
  for (int sample = 0; sample < 3; ++sample)
    for (std::size_t row = 1; row < lines.size(); ++row) stream.append(lines[row]) += '\n';
  query_batcher batcher(0, 8);
  const auto batches = batcher.feed(stream);
  ASSERT_EQ(batches.size(), 3u);
  for (const auto& batch : batches) {
    const auto table = parse_query_csv(batch, fields, csv_format{false, true});
    ASSERT_TRUE(table.has_value()) << table.error().message();
    EXPECT_EQ(table->rows.size(), 8u);
  }
  EXPECT_EQ(batcher.finish(), std::nullopt);
}

}  // namespace
}  // namespace smistat::parsers
