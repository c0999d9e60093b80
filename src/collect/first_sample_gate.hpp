#pragma once
// The very first GPU sample waits for the first reading of the static facts, which runs beside
// it and takes about as long: no client ever sees GPU figures without the versions that frame
// them. Later samples pass straight through.

#include <optional>
#include <utility>

#include "parsers/query_csv.hpp"

namespace smistat::collect {

class first_sample_gate {
 public:
  /** True once the first facts reading has finished (well or not). */
  bool open() const noexcept { return open_; }
  /** Opens the gate, for good. */
  void open_now() noexcept { open_ = true; }

  /** Keeps a sample that came while the gate was closed (a later one replaces it). */
  void hold(std::optional<parsers::query_table> table) {
    held_ = std::move(table);
    holding_ = true;
  }
  /** True while a sample waits. */
  bool holding() const noexcept { return holding_; }
  /** Hands the waiting sample over (nullopt: the run that gave it failed). */
  std::optional<parsers::query_table> release() {
    holding_ = false;
    return std::exchange(held_, std::nullopt);
  }

 private:
  bool open_ = false;
  bool holding_ = false;
  std::optional<parsers::query_table> held_;
};

}  // namespace smistat::collect
