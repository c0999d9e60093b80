#include "parsers/details_documents.hpp"

#include <charconv>

#include "parsers/csv_dialect.hpp"
#include "parsers/query_details.hpp"

namespace smistat::parsers {
namespace {

constexpr std::string_view banner = "==============NVSMI LOG==============";
constexpr std::string_view announcement = "Attached GPUs";

// `Attached GPUs : 8` -> 8; anything else -> nullopt.
std::optional<std::size_t> announced_count(std::string_view line) noexcept {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto value = trim(line.substr(colon + 1));
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc{} || end != value.data() + value.size()) return std::nullopt;
  return n;
}

}  // namespace

void details_documents::feed(std::string_view bytes) {
  quiet_ = bytes.empty();
  if (quiet_) return;
  const std::size_t old_size = open_.size();
  open_.append(bytes);
  // A banner split over two reads is found once its last piece is here. The open document's
  // own banner, at 0, opens it rather than closing anything.
  std::size_t from = old_size >= banner.size() ? old_size - banner.size() + 1 : 1;
  for (auto at = open_.find(banner, from); at != std::string::npos; at = open_.find(banner, from)) {
    if (open_[at - 1] != '\n') {  // not at a line's start: text that quotes it
      from = at + 1;
      continue;
    }
    close_open_at(at);
    from = 1;
  }
  if (open_.size() > max_bytes_) {
    overflowed_ = true;
    drop_open();
    return;
  }
  scan_lines(open_.size());
}

void details_documents::finish() {
  scan_lines(open_.size());
  if (open_is_whole() && handed_size_ != open_.size()) closed_ = std::move(open_);
  drop_open();
}

void details_documents::drop_open() {
  open_.clear();
  handed_size_ = 0;
  scanned_ = 0;
  announced_.reset();
  headings_ = 0;
  quiet_ = false;
}

std::optional<std::string_view> details_documents::take() {
  if (!closed_.empty()) {
    taken_.swap(closed_);
    closed_.clear();
    return std::string_view(taken_);
  }
  if (quiet_ && open_is_whole() && handed_size_ != open_.size()) {
    handed_size_ = open_.size();
    return std::string_view(open_);
  }
  return std::nullopt;
}

void details_documents::close_open_at(std::size_t end) {
  scan_lines(end);
  // Text before the first banner, or a document without a GPU section, says nothing about the
  // GPUs. One handed out already is news only if it grew since by more than blank lines.
  const bool grew = handed_size_ == 0 ||
                    (end > handed_size_ && open_.find_first_not_of(" \t\r\n", handed_size_) < end);
  if (headings_ > 0 && grew && open_.starts_with(banner)) closed_.assign(open_, 0, end);
  open_.erase(0, end);
  handed_size_ = 0;
  scanned_ = 0;
  announced_.reset();
  headings_ = 0;
}

void details_documents::scan_lines(std::size_t limit) {
  while (scanned_ < limit) {
    const auto newline = open_.find('\n', scanned_);
    if (newline == std::string::npos || newline >= limit) return;
    const std::string_view line(open_.data() + scanned_, newline - scanned_);
    scanned_ = newline + 1;
    // Headings and the announcement are the only unindented lines that matter.
    if (line.empty() || line.front() == ' ' || line.front() == '\t') continue;
    if (details_section_heading(line))
      ++headings_;
    else if (line.starts_with(announcement))
      announced_ = announced_count(line);
  }
}

bool details_documents::open_is_whole() const noexcept {
  // Text before the first banner is no document, whatever it holds.
  return announced_ && *announced_ > 0 && headings_ >= *announced_ && open_.starts_with(banner);
}

}  // namespace smistat::parsers
