#include "src/contracts/prometheus/metrics_gpu.hpp"

#include <stdexcept>

#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"

namespace smistat::render {

std::optional<double> metric_value(const parsers::cell& c) noexcept {
  if (!c.has_value()) return std::nullopt;
  if (const auto n = parsers::to_number(c)) return n;
  if (const auto h = parsers::to_hex(c)) return static_cast<double>(*h);
  if (const auto p = parsers::to_pstate(c)) return *p;
  if (const auto f = parsers::to_flag(c)) return *f ? 1.0 : 0.0;
  return std::nullopt;
}

std::string cell_text(const parsers::query_table& t, std::size_t row, parsers::gpu_field field) {
  return std::string(t.value_text(row, field));
}

void append_pod_labels(std::vector<std::pair<std::string, std::string>>& labels,
                       const metrics_settings& settings, const std::string& uuid) {
  if (!settings.pods) return;
  const auto found = settings.pods->by_gpu_uuid.find(uuid);
  const collect::pod_allocation none;
  const auto& pod = found == settings.pods->by_gpu_uuid.end() ? none : found->second;
  labels.emplace_back("container", pod.container);
  labels.emplace_back("namespace", pod.namespace_name);
  labels.emplace_back("pod", pod.pod);
}

std::string render_gpu_metrics(const collect::snapshot& s, const metrics_settings& settings) {
  switch (settings.profile) {
    case metrics_profile::dcgm: return render_dcgm_metrics(s, settings);
    case metrics_profile::nvidia_smi: return render_nvidia_smi_metrics(s, settings);
  }
  return {};
}

}  // namespace smistat::render
