#pragma once
// Snapshots for the exposition tests: one recorded machine, and small hand-made tables whose
// cells are chosen to provoke placeholders, lost GPUs and label escaping.

#include <string>
#include <string_view>
#include <vector>

#include "src/collect/snapshot.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"

namespace smistat::test {

/** The fields of the hand-made tables, in column order. */
const std::vector<std::string>& small_table_fields();

/** A healthy snapshot from `noheader,nounits` rows over small_table_fields(). */
collect::snapshot small_snapshot(std::string_view csv_rows);

/** A healthy snapshot from `noheader,nounits` rows over `fields`. */
collect::snapshot snapshot_of(const std::vector<std::string>& fields, std::string_view csv_rows);

/** Settings with a fixed hostname, so goldens do not depend on the machine. */
render::metrics_settings fixed_settings(render::metrics_profile profile);

/** The lines of `text` that start with `prefix`. */
std::vector<std::string> lines_starting(std::string_view text, std::string_view prefix);

}  // namespace smistat::test
