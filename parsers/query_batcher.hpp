#pragma once
// Loop mode: `nvidia-smi --query-gpu=... --format=csv,noheader,nounits -lms N` prints one row
// per GPU per sample, forever, with nothing between samples. This finds where one sample ends
// and the next begins, as the bytes arrive, so each sample can go to the table parser whole.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::parsers {

/** Groups the rows a looping --query-gpu child prints into batches, one per sample.
 *
 *  Lines end at `\n`; a trailing `\r` is stripped and blank (whitespace-only) lines are
 *  ignored. Every other line is a row of the batch in progress, passed through byte for byte,
 *  ragged or not: judging rows is the table parser's job. A row's index is the cell at
 *  `index_column` (cells split on `,` and trimmed, as csv_dialect does) when it is a decimal
 *  number; any other row (nvidia-smi's `Unable to determine the device handle for GPU...`
 *  line, a cell such as `[N/A]`, a row too short to have that cell) has none.
 *
 *  A batch is complete when it holds `expected_rows` rows (when known), or when a row arrives
 *  whose index is not greater than the last index seen in the batch: the next sample has
 *  started, so the batch is emitted and the row opens the next one. A row without index never
 *  starts a batch by itself.
 *
 *  Without `expected_rows` (0) only that regression ends a batch, so a sample is emitted when
 *  the next sample's first row arrives, or by finish(). A row without index between two
 *  samples (the last GPU's lost line, or the first GPU's) then joins the earlier batch:
 *  nothing in the stream says which sample it belongs to. Set the GPU count (from `-L` or a
 *  one-shot query) whenever it is known.
 *
 *  A line longer than `max_line_bytes` (its bytes before `\n`, a `\r` included) is dropped up
 *  to its `\n` and counted; it is not a row.
 *
 *  Allocation-light, since it runs every sample: a line that arrives whole in one feed() is
 *  never copied on its own, buffers keep their capacity, and each emitted batch costs one
 *  string. */
class query_batcher {
 public:
  /** `index_column`: position of the `index` field in the query; `expected_rows`: GPUs per
   *  sample when known (0 = unknown). */
  query_batcher(std::size_t index_column, std::size_t expected_rows,
                std::size_t max_line_bytes = 64 * 1024);

  /** Feeds bytes as they arrive (any split, even mid-line); returns the batches these bytes
   *  completed, oldest first, each the text of its rows joined by '\n' with a final '\n'
   *  (ready for the CSV table parser). A batch that set_expected_rows() made complete comes
   *  first. */
  std::vector<std::string> feed(std::string_view bytes);

  /** At end of stream: the batch in progress, if it has any row (a partial last line is
   *  dropped and counted). The batcher is then empty, ready for the next child's stream. */
  std::optional<std::string> finish();

  /** Changes the GPUs per sample (0 = unknown) for the batch in progress and later ones. When
   *  the batch in progress already holds that many rows, the next feed() returns it first. */
  void set_expected_rows(std::size_t n);

  /** Lines dropped: over max_line_bytes, or a partial line at finish(). */
  std::uint64_t dropped_lines() const noexcept { return dropped_; }

 private:
  void buffer(std::string_view piece);
  void end_line(std::string_view piece, std::vector<std::string>& done);
  void take_row(std::string_view line, std::vector<std::string>& done);
  bool batch_full() const noexcept;
  void emit(std::vector<std::string>& done);

  std::size_t index_column_;
  std::size_t expected_rows_;
  std::size_t max_line_bytes_;
  std::string partial_;      ///< the start of a line whose '\n' has not arrived yet
  bool discarding_ = false;  ///< the line being received is over max_line_bytes
  std::string batch_;        ///< rows of the batch in progress, each ending in '\n'
  std::size_t rows_ = 0;
  std::optional<std::uint64_t> last_index_;  ///< the batch's last index, if any row had one
  std::uint64_t dropped_ = 0;
};

}  // namespace smistat::parsers
