#include "parsers/query_batcher.hpp"

#include <charconv>

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

// The cell at `column`, split and trimmed as split_cells() does, without building the vector.
std::optional<std::string_view> cell_at(std::string_view line, std::size_t column) {
  for (std::size_t i = 0; i < column; ++i) {
    const auto comma = line.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    line.remove_prefix(comma + 1);
  }
  return trim(line.substr(0, line.find(',')));
}

std::optional<std::uint64_t> index_of(std::string_view line, std::size_t column) {
  const auto cell = cell_at(line, column);
  if (!cell || cell->empty()) return std::nullopt;
  std::uint64_t index = 0;
  const auto* end = cell->data() + cell->size();
  const auto [ptr, ec] = std::from_chars(cell->data(), end, index);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return index;
}

}  // namespace

query_batcher::query_batcher(std::size_t index_column, std::size_t expected_rows,
                             std::size_t max_line_bytes)
    : index_column_(index_column), expected_rows_(expected_rows), max_line_bytes_(max_line_bytes) {}

std::vector<std::string> query_batcher::feed(std::string_view bytes) {
  std::vector<std::string> done;
  if (batch_full()) emit(done);
  while (!bytes.empty()) {
    const auto nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      buffer(bytes);
      break;
    }
    end_line(bytes.substr(0, nl), done);
    bytes.remove_prefix(nl + 1);
  }
  return done;
}

std::optional<std::string> query_batcher::finish() {
  if (!partial_.empty()) ++dropped_;  // an over-long line was counted when it overflowed
  partial_.clear();
  discarding_ = false;
  if (rows_ == 0) return std::nullopt;
  std::optional<std::string> last(std::move(batch_));
  batch_.clear();
  rows_ = 0;
  last_index_.reset();
  return last;
}

void query_batcher::set_expected_rows(std::size_t n) { expected_rows_ = n; }

// Keeps the start of a line until its '\n' arrives.
void query_batcher::buffer(std::string_view piece) {
  if (discarding_) return;
  if (partial_.size() + piece.size() > max_line_bytes_) {
    ++dropped_;
    partial_.clear();
    discarding_ = true;
    return;
  }
  partial_.append(piece);
}

// `piece` is the rest of a line, up to (not including) its '\n'.
void query_batcher::end_line(std::string_view piece, std::vector<std::string>& done) {
  if (discarding_) {
    discarding_ = false;
    return;
  }
  if (partial_.size() + piece.size() > max_line_bytes_) {
    ++dropped_;
    partial_.clear();
    return;
  }
  if (partial_.empty()) {
    take_row(piece, done);  // the common case: the whole line came in one feed()
    return;
  }
  partial_.append(piece);
  take_row(partial_, done);
  partial_.clear();
}

void query_batcher::take_row(std::string_view line, std::vector<std::string>& done) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (trim(line).empty()) return;
  const auto index = index_of(line, index_column_);
  // The same or a lower index: the next sample has started.
  if (index && last_index_ && *index <= *last_index_) emit(done);
  batch_.append(line);
  batch_ += '\n';
  ++rows_;
  if (index) last_index_ = index;
  if (batch_full()) emit(done);
}

bool query_batcher::batch_full() const noexcept {
  return expected_rows_ > 0 && rows_ >= expected_rows_;
}

void query_batcher::emit(std::vector<std::string>& done) {
  if (rows_ == 0) return;
  done.emplace_back(batch_);  // a copy, so batch_ keeps its capacity for the next sample
  batch_.clear();
  rows_ = 0;
  last_index_.reset();
}

}  // namespace smistat::parsers
