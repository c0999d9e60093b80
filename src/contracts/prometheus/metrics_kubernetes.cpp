#include "src/contracts/prometheus/metrics_kubernetes.hpp"

#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

std::string render_kubernetes_metrics(const collect::kubernetes_report& report) {
  std::string out;
  if (!report.enabled) return out;
  using enum metric_type;
  // Before the kubelet's first answer the counts are unknown, not zero.
  if (report.last_success) {
    metric_family devices("smistat_kubernetes_devices", gauge,
                          "nvidia.com/* device IDs in the kubelet's last answer, by whether "
                          "they name a GPU of this machine.");
    devices.add({{"state", "matched"}}, static_cast<double>(report.devices_matched));
    devices.add({{"state", "unmatched"}},
                static_cast<double>(report.devices_seen - report.devices_matched));
    devices.write(out);
  }
  append_single(out, "smistat_kubernetes_calls_total", counter,
                "Calls to the kubelet's PodResources List.", {},
                static_cast<double>(report.calls_total));
  append_single(out, "smistat_kubernetes_errors_total", counter,
                "Calls to the kubelet's PodResources List that failed.", {},
                static_cast<double>(report.errors_total));
  if (report.last_call)
    append_single(out, "smistat_kubernetes_last_call_success", gauge,
                  "Whether the last call to the kubelet answered (1) or failed (0).", {},
                  report.error.empty() ? 1 : 0);
  if (!report.error.empty())
    append_single(out, "smistat_kubernetes_last_error_info", gauge,
                  "Why the last call to the kubelet failed.", {{"error", report.error}}, 1);
  return out;
}

}  // namespace smistat::render
