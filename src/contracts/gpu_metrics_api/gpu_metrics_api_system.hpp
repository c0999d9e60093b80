#pragma once
// Contract 001's `system_info` block: the host (psutil's meanings) and the driver versions.

#include "src/collect/snapshot.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {

/** Writes the `system_info` object. A snapshot without a host sample gets the original's
 *  no-data shape: empty strings, `{}` for cpu, memory and disk_io, and 0.0 figures. */
void write_system_info(json_writer& w, const collect::snapshot& s);

}  // namespace smistat::render
