#pragma once
// XID errors read from the kernel log, in both profiles: smistat's counters per GPU and XID,
// the last XID per GPU and when it came, the reports for addresses no GPU was seen at, whether
// the log is read at all; and in the dcgm profile dcgm-exporter's DCGM_FI_DEV_XID_ERRORS (the
// last XID's number, 0 while none came).

#include <string>

#include "src/collect/snapshot.hpp"
#include "src/collect/xid_report.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"

namespace smistat::render {

/** The XID families for `report`, GPUs named after `s`; "" when the source is off. */
std::string render_xid_metrics(const collect::snapshot& s, const collect::xid_report& report,
                               const metrics_settings& settings);

}  // namespace smistat::render
