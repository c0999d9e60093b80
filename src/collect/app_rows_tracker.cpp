#include "src/collect/app_rows_tracker.hpp"

#include <algorithm>

namespace smistat::collect {

namespace {

/** The (GPU, pid) pair of a row asked for by compute_apps_request (`gpu_uuid, pid, name,
 *  memory`): a process appears once per GPU in one batch, whatever its memory figure. */
std::pair<std::string, std::string> row_key(std::string_view line) {
  const auto first = line.find(',');
  if (first == std::string_view::npos) return {std::string(line), {}};
  const auto second = line.find(',', first + 1);
  return {
      std::string(line.substr(0, first)),
      std::string(line.substr(first + 1, second == std::string_view::npos ? std::string_view::npos
                                                                          : second - first - 1))};
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
    partial_.append(bytes.substr(0, nl + 1));
    bytes.remove_prefix(nl + 1);
    std::string line = std::move(partial_);
    partial_.clear();
    if (line.find_first_not_of(" \t\r\n") != std::string::npos) take_line(line, now);
  }
}

void app_rows_tracker::take_line(std::string_view line, clock::time_point now) {
  auto key = row_key(line);
  const bool after_gap = last_row_ && now - *last_row_ > new_batch_gap_;
  if (after_gap || batch_keys_.contains(key)) {
    batch_.clear();
    batch_keys_.clear();
  }
  batch_.append(line);
  batch_keys_.insert(std::move(key));
  last_row_ = now;
}

std::optional<std::string> app_rows_tracker::rows(clock::time_point now) const {
  if (!started_) return std::nullopt;
  const auto last_sign = last_row_.value_or(*started_);
  if (now - last_sign > stale_after_) return std::string();
  if (!last_row_) return std::nullopt;
  return batch_;
}

}  // namespace smistat::collect
