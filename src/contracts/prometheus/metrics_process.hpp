#pragma once
// The standard `process_*` metrics of the Prometheus client libraries, from figures that
// src/system reads from /proc/self.

#include <string>

#include "src/system/self_process.hpp"

namespace smistat::render {

/** The `process_*` families for the values present. */
std::string render_process_metrics(const system::self_process_stats& p);

}  // namespace smistat::render
