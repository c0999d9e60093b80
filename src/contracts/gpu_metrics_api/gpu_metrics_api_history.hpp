#pragma once
// How contract 001 reads the figures its trends (`rate_of_change`, `peak_values`) follow from a
// snapshot; src/history keeps the trends themselves, advancing once per snapshot generation.

#include "src/collect/snapshot.hpp"
#include "src/history/gpu_trend.hpp"

namespace smistat::render {

/** The samples of every GPU row of `s`, by id, rounded as contract 001 renders them; the
 *  trend history's reader. */
history::gpu_trend_samples trend_samples(const collect::snapshot& s);

}  // namespace smistat::render
