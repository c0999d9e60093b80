#pragma once
// The `xid` block of /health: whether the kernel log is read for XID errors, why not, and the
// most recent reports with the GPU, the process and the time each was read.

#include "src/collect/snapshot.hpp"
#include "src/collect/xid_report.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {

/** Writes the block as one JSON object (the caller writes its key); newest report first. */
void write_xid_health(json_writer& w, const collect::snapshot& s,
                      const collect::xid_report& report);

}  // namespace smistat::render
