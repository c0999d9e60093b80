#include "src/contracts/prometheus/metrics_xid.hpp"

#include <chrono>

#include "parsers/xid_line.hpp"
#include "src/contracts/kit/gpu_by_bus_id.hpp"
#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

using enum metric_type;

double seconds_since_epoch(collect::wall_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

void append_counts(std::string& out, const collect::snapshot& s,
                   const collect::xid_report& report) {
  metric_family matched("smistat_xid_errors_total", counter,
                        "XID errors the driver logged since smistat started, by GPU and XID.");
  metric_family unmatched(
      "smistat_xid_unmatched_total", counter,
      "XID errors logged since start for a PCI address at which no GPU was seen, by XID.");
  for (const auto& [key, count] : report.counts) {
    const auto& [bus_id, xid] = key;
    if (const auto gpu = gpu_for_xid(s, report, bus_id))
      matched.add({{"gpu", gpu->index}, {"UUID", gpu->uuid}, {"xid", std::to_string(xid)}},
                  static_cast<double>(count));
    else
      unmatched.add({{"pci_bus_id", bus_id}, {"xid", std::to_string(xid)}},
                    static_cast<double>(count));
  }
  matched.write(out);
  unmatched.write(out);
}

void append_last(std::string& out, const collect::snapshot& s, const collect::xid_report& report) {
  metric_family last("smistat_xid_last", gauge,
                     "The number of the last XID error the driver logged for the GPU.");
  metric_family when("smistat_xid_last_timestamp_seconds", gauge,
                     "Unix time smistat read the last XID error of the GPU.");
  for (const auto& [bus_id, event] : report.last) {
    const auto gpu = gpu_for_xid(s, report, bus_id);
    if (!gpu) continue;
    const metric_labels labels{{"gpu", gpu->index}, {"UUID", gpu->uuid}};
    last.add(labels, event.line.xid);
    when.add(labels, seconds_since_epoch(event.read_at));
  }
  last.write(out);
  when.write(out);
}

/** dcgm-exporter's gauge: per GPU of the sample, its last XID, 0 while none came. Only while the
 *  log is read: otherwise 0 would claim that no XID came. */
void append_dcgm(std::string& out, const collect::snapshot& s, const collect::xid_report& report,
                 const metrics_settings& settings) {
  if (report.state != collect::xid_source_state::reading || !gpu_rows_are_current(s)) return;
  metric_family family("DCGM_FI_DEV_XID_ERRORS", gauge,
                       "Value of the last XID error encountered (the XID's number, 0 when none "
                       "was logged since smistat started; read from the kernel log).");
  for (std::size_t row = 0; row < s.gpus.rows.size(); ++row) {
    const auto labels = dcgm_gpu_labels(s, row, settings);
    const auto& index = labels.front().second;
    if (index.empty()) continue;
    const auto bus_id = parsers::normalise_bus_id(cell_text(s.gpus, row, gpu_field::pci_bus_id));
    const auto last = bus_id ? report.last.find(*bus_id) : report.last.end();
    family.add(labels, last == report.last.end() ? 0.0 : last->second.line.xid);
  }
  family.write(out);
}

}  // namespace

std::string render_xid_metrics(const collect::snapshot& s, const collect::xid_report& report,
                               const metrics_settings& settings) {
  std::string out;
  if (report.state == collect::xid_source_state::off) return out;
  append_single(out, "smistat_xid_source_up", gauge,
                "Whether the kernel log is read for XID errors (1) or not (0).",
                {{"source", report.source}},
                report.state == collect::xid_source_state::reading ? 1 : 0);
  append_counts(out, s, report);
  append_last(out, s, report);
  if (settings.profile == metrics_profile::dcgm) append_dcgm(out, s, report, settings);
  return out;
}

}  // namespace smistat::render
