#pragma once
// How /health writes an instant that may not have happened yet (a last run, a last call): the
// local ISO time the original prints, or null.

#include <optional>

#include "src/collect/snapshot.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {

/** Writes `t` as a local ISO time string, or null when there is none. */
void write_time_or_null(json_writer& w, const std::optional<collect::wall_clock::time_point>& t);

}  // namespace smistat::render
