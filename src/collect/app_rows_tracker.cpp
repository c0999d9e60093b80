#include "src/collect/app_rows_tracker.hpp"

#include <algorithm>

namespace smistat::collect {

namespace {

/** The (GPU, pid) pair of a row asked for by compute_apps_request (`gpu_uuid, pid, name,
 *  memory`), commas and all: a process appears once per GPU in one batch, whatever its memory
 *  figure. */
std::string_view row_key(std::string_view line) {
  const auto first = line.find(',');
  if (first == std::string_view::npos) return line;
  return line.substr(0, line.find(',', first + 1));
}

}  // namespace

app_rows_tracker::app_rows_tracker(clock::duration interval)
    : new_batch_gap_(std::max<clock::duration>(interval / 2, std::chrono::milliseconds(1))),
      // A grace beyond two missed batches, so a child the machine was too busy to run for a
      // moment is not taken for silent.
      stale_after_(2 * interval + std::chrono::seconds(1)) {}

void app_rows_tracker::restart(clock::time_point now) {
  partial_.clear();
  batch_.clear();
  batch_keys_.clear();
  started_ = now;
  last_row_.reset();
}

void app_rows_tracker::feed(std::string_view bytes, clock::time_point now) {
  while (!bytes.empty()) {
    const auto nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      partial_.append(bytes);
      return;
    }
    auto line = bytes.substr(0, nl + 1);
    bytes.remove_prefix(nl + 1);
    if (!partial_.empty()) {  // the rest of a line an earlier read began
      partial_.append(line);
      line = partial_;
    }
    if (line.find_first_not_of(" \t\r\n") != std::string_view::npos) take_line(line, now);
    partial_.clear();
  }
}

bool app_rows_tracker::batch_has(std::string_view key) const {
  return std::any_of(batch_keys_.begin(), batch_keys_.end(), [&](const auto& at) {
    return std::string_view(batch_).substr(at.first, at.second) == key;
  });
}

void app_rows_tracker::take_line(std::string_view line, clock::time_point now) {
  const bool after_gap = last_row_ && now - *last_row_ > new_batch_gap_;
  const auto key = row_key(line);
  if (after_gap || batch_has(key)) {
    batch_.clear();
    batch_keys_.clear();
  }
  batch_keys_.emplace_back(batch_.size(), key.size());
  batch_.append(line);
  last_row_ = now;
}

std::optional<std::string_view> app_rows_tracker::rows(clock::time_point now) const {
  if (!started_) return std::nullopt;
  const auto last_sign = last_row_.value_or(*started_);
  if (now - last_sign > stale_after_) return std::string_view();
  if (!last_row_) return std::nullopt;
  return batch_;
}

}  // namespace smistat::collect
