#include "src/contracts/gpu_statistics/kubernetes_health.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "src/contracts/gpu_statistics/health_time.hpp"

namespace smistat::render {
namespace {

void write_gpus(json_writer& w, const collect::kubernetes_report& report) {
  w.key("gpus").begin_array();
  for (const auto& [uuid, pod] : report.by_gpu_uuid) {
    w.begin_object().key("uuid").string(uuid).key("namespace").string(pod.namespace_name);
    w.key("pod").string(pod.pod).key("container").string(pod.container);
    w.key("shared").boolean(pod.shared).end_object();
  }
  w.end_array().key("gpus_without_pod").begin_array();
  for (const auto& index : report.gpus_without_pod) w.string(index);
  w.end_array();
}

}  // namespace

void write_kubernetes_health(json_writer& w, const collect::kubernetes_report& report) {
  w.begin_object().key("socket").string(report.socket).key("last_call");
  write_time_or_null(w, report.last_call);
  w.key("last_success");
  write_time_or_null(w, report.last_success);
  w.key("error");
  if (report.error.empty())
    w.null();
  else
    w.string(report.error);
  w.key("calls_total").integer(static_cast<std::int64_t>(report.calls_total));
  w.key("errors_total").integer(static_cast<std::int64_t>(report.errors_total));
  const bool answered = report.last_success.has_value();
  const auto count = [answered](std::size_t n) {
    return answered ? std::optional<std::int64_t>(static_cast<std::int64_t>(n)) : std::nullopt;
  };
  w.key("devices_seen").integer_or_null(count(report.devices_seen));
  w.key("devices_matched").integer_or_null(count(report.devices_matched));
  w.key("id_form");
  if (answered && !report.id_form.empty())
    w.string(report.id_form);
  else
    w.null();
  if (answered)
    write_gpus(w, report);
  else
    w.key("gpus").null().key("gpus_without_pod").null();
  w.end_object();
}

}  // namespace smistat::render
