#pragma once
// Whole lines out of a byte stream read in arbitrary pieces: a line split across two reads is
// joined, and a line that never ends is dropped rather than held without bound.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::parsers {

class line_buffer {
 public:
  /** Lines longer than `max_line` bytes are dropped (counted in dropped()). */
  explicit line_buffer(std::size_t max_line = 64 * 1024) : max_line_(max_line) {}

  /** Appends `bytes`; returns the lines they complete, without their `\n` (nor a `\r`). */
  std::vector<std::string> feed(std::string_view bytes);
  /** The unfinished last line, at the end of the stream; empty when there is none. */
  std::string finish();
  /** Lines dropped for being longer than max_line. */
  std::uint64_t dropped() const noexcept { return dropped_; }

 private:
  std::size_t max_line_;
  std::string partial_;
  bool skipping_ = false;  ///< inside an overlong line: discard up to its end
  std::uint64_t dropped_ = 0;
};

}  // namespace smistat::parsers
