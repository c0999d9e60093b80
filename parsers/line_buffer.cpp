#include "parsers/line_buffer.hpp"

namespace smistat::parsers {
namespace {

std::string without_cr(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

std::vector<std::string> line_buffer::feed(std::string_view bytes) {
  std::vector<std::string> lines;
  while (!bytes.empty()) {
    const auto nl = bytes.find('\n');
    const auto piece = bytes.substr(0, nl);
    if (!skipping_ && partial_.size() + piece.size() > max_line_) {
      partial_.clear();
      skipping_ = true;
      ++dropped_;
    }
    if (!skipping_) partial_.append(piece);
    if (nl == std::string_view::npos) break;
    if (!skipping_) lines.push_back(without_cr(std::move(partial_)));
    partial_.clear();
    skipping_ = false;
    bytes.remove_prefix(nl + 1);
  }
  return lines;
}

std::string line_buffer::finish() {
  std::string rest = skipping_ ? std::string() : without_cr(std::move(partial_));
  partial_.clear();
  skipping_ = false;
  return rest;
}

}  // namespace smistat::parsers
