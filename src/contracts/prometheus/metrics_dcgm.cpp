#include "src/contracts/prometheus/metrics_dcgm.hpp"

#include <string_view>

#include "parsers/field_catalogue.hpp"
#include "src/contracts/prometheus/metrics_pcie.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

using enum metric_type;

// The family types of the catalogue, as metric_text writes them.
metric_type type_of(parsers::family_type t) noexcept {
  return t == parsers::family_type::counter ? counter : gauge;
}

/** dcgm-exporter's label set for one GPU row, in its order. */
metric_labels gpu_labels(const collect::snapshot& s, std::size_t row,
                         const metrics_settings& settings) {
  const auto& t = s.gpus;
  const auto index = cell_text(t, row, gpu_field::index);
  std::string driver = cell_text(t, row, gpu_field::driver_version);
  if (driver.empty()) driver = s.facts.driver_version;
  metric_labels labels{{"gpu", index},
                       {"UUID", cell_text(t, row, gpu_field::uuid)},
                       {"pci_bus_id", cell_text(t, row, gpu_field::pci_bus_id)},
                       {"device", "nvidia" + index},
                       {"modelName", cell_text(t, row, gpu_field::name)}};
  if (!settings.hostname_label.empty())
    labels.emplace_back(settings.hostname_label, settings.hostname);
  labels.emplace_back("DCGM_FI_DRIVER_VERSION", driver);
  append_pod_labels(labels, settings, cell_text(t, row, gpu_field::uuid));
  return labels;
}

}  // namespace

metric_labels dcgm_gpu_labels(const collect::snapshot& s, std::size_t row,
                              const metrics_settings& settings) {
  return gpu_labels(s, row, settings);
}

bool gpu_rows_are_current(const collect::snapshot& s) noexcept {
  // consecutive_failures is reset exactly when a collection produced GPU rows.
  return s.has_data() && s.health.consecutive_failures == 0;
}

std::string render_dcgm_metrics(const collect::snapshot& s, const metrics_settings& settings) {
  std::string out;
  if (!gpu_rows_are_current(s)) return out;
  std::vector<metric_labels> labels;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < s.gpus.rows.size(); ++r) {
    // Without an index a row cannot be told apart from the others; it is not published.
    if (cell_text(s.gpus, r, gpu_field::index).empty()) continue;
    const auto jobs = s.hpc_jobs.find(cell_text(s.gpus, r, gpu_field::index));
    if (jobs == s.hpc_jobs.end()) {
      rows.push_back(r);
      labels.push_back(gpu_labels(s, r, settings));
      continue;
    }
    // As dcgm-exporter: one series per job running on the GPU, each with its hpc_job label.
    for (const auto& job : jobs->second) {
      rows.push_back(r);
      labels.push_back(gpu_labels(s, r, settings));
      labels.back().emplace_back("hpc_job", job);
    }
  }
  for (const auto& [field, def] : parsers::dcgm_metrics()) {
    metric_family family(std::string(def.name), type_of(def.type), std::string(def.help));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto* c = s.gpus.find(rows[i], field);
      if (!c) continue;
      if (const auto v = metric_value(*c)) family.add(labels[i], *v);
    }
    family.write(out);
  }
  out += render_dcgm_pcie_throughput(s, rows, labels);
  metric_family info("smistat_gpu_info", gauge,
                     "A metric with a constant '1' value labeled by the GPU's identity.");
  for (const auto& l : labels) info.add(l, 1);
  info.write(out);
  return out;
}

}  // namespace smistat::render
