#include "src/contracts/gpu_statistics/xid_health.hpp"

#include <charconv>
#include <cstdint>
#include <string>

#include "src/common/iso_time.hpp"
#include "src/contracts/kit/gpu_by_bus_id.hpp"

namespace smistat::render {
namespace {

void write_event(json_writer& w, const collect::snapshot& s, const collect::xid_report& report,
                 const collect::xid_event& e) {
  const auto& line = e.line;
  const auto gpu = gpu_for_xid(s, report, line.bus_id);
  w.begin_object().key("time").string(common::local_isoformat(e.read_at));
  w.key("pci_bus_id").string(line.bus_id).key("gpu");
  // The index as the 000 routes write a GPU's id: a number.
  std::int64_t index = 0;
  const auto& text = gpu ? gpu->index : std::string();
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (gpu && ec == std::errc{} && end == text.data() + text.size())
    w.integer(index).key("uuid").string(gpu->uuid);
  else
    w.null().key("uuid").null();
  w.key("xid").integer(line.xid).key("pid").integer_or_null(line.pid);
  w.key("process_name");
  if (line.process_name)
    w.string(*line.process_name);
  else
    w.null();
  w.key("message").string(line.message).end_object();
}

}  // namespace

void write_xid_health(json_writer& w, const collect::snapshot& s,
                      const collect::xid_report& report) {
  w.begin_object().key("source").string(report.source);
  w.key("state").string(collect::xid_state_name(report.state)).key("error");
  if (report.error.empty())
    w.null();
  else
    w.string(report.error);
  w.key("events_total").integer(static_cast<std::int64_t>(report.events_total));
  w.key("recent").begin_array();
  for (auto e = report.recent.rbegin(); e != report.recent.rend(); ++e)
    write_event(w, s, report, *e);
  w.end_array().end_object();
}

}  // namespace smistat::render
