#pragma once
// The XID reports read so far, shared between the reader (which adds lines) and the HTTP
// threads (which render them). Readers take an immutable report without waiting on the reader.

#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "src/collect/xid_report.hpp"

namespace smistat::collect {

class xid_log {
 public:
  /** An empty report for `source`, in state `starting` (or `off` for "none"). */
  explicit xid_log(std::string source);

  /** The report now; never null. */
  std::shared_ptr<const xid_report> current() const;
  /** Sets whether the source is read, and why not. */
  void set_state(xid_source_state state, std::string error = {});
  /** Counts the XID reports among `lines` (other lines are ignored) as read at `at`, and
   *  publishes the result once; returns how many there were. */
  std::size_t add_lines(std::span<const std::string> lines, wall_clock::time_point at);
  /** Remembers which GPU (index, UUID) sits at each address of `gpus`; publishes only when
   *  that changed, so calling it for every sample costs a comparison. */
  void remember_gpus(const parsers::query_table& gpus);

 private:
  /** True when `gpus` has the address, index and UUID texts of the last call (and notes them
   *  when not): most calls then end without a string built. */
  bool same_as_last(const parsers::query_table& gpus);

  mutable std::mutex mutex_;  // guards current_; held only to copy or swap the pointer
  std::shared_ptr<const xid_report> current_;
  std::mutex seen_mutex_;                // guards seen_texts_
  std::vector<std::string> seen_texts_;  ///< per row: bus id, index, UUID, as printed
};

}  // namespace smistat::collect
