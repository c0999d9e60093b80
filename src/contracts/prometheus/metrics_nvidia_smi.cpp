#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "parsers/field_catalogue.hpp"
#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi_states.hpp"
#include "src/contracts/prometheus/metrics_pcie.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

/** nvidia_gpu_exporter's compute-mode numbers; other cells read as usual. */
std::optional<double> field_value(const parsers::cell& c) {
  if (c.has_value()) {
    std::string lower;
    for (const char ch : c.raw)
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "default") return 0.0;
    if (lower == "exclusive_thread") return 1.0;
    if (lower == "prohibited") return 2.0;
    if (lower == "exclusive_process") return 3.0;
  }
  return metric_value(c);
}

std::string snake_case(std::string_view s) {
  // Go's `(.)([A-Z][a-z]+)` then `([a-z0-9])([A-Z])`, both as `${1}_${2}`, then lower case.
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto up = [&](std::size_t k) {
      return k < s.size() && std::isupper(static_cast<unsigned char>(s[k]));
    };
    const auto low = [&](std::size_t k) {
      return k < s.size() && std::islower(static_cast<unsigned char>(s[k]));
    };
    const bool prev_alnum_low = i > 0 && (std::islower(static_cast<unsigned char>(s[i - 1])) ||
                                          std::isdigit(static_cast<unsigned char>(s[i - 1])));
    if (i > 0 && up(i) && (low(i + 1) || prev_alnum_low) && out.back() != '_') out += '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  return out;
}

std::vector<metric_labels> uuid_labels(const parsers::query_table& t) {
  std::vector<metric_labels> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    out.push_back({{"uuid", exporter_uuid(cell_text(t, r, gpu_field::uuid))}});
  return out;
}

void add_field_family(const parsers::query_table& t, const std::vector<metric_labels>& labels,
                      const parsers::field_row& f, std::map<std::string, metric_family>& families) {
  const std::string name(f.nvidia_smi_metric);
  const auto key = f.name();
  const auto help =
      f.unit.empty() ? std::string(key) : std::string(key) + " [" + std::string(f.unit) + "]";
  // The exporter types everything a gauge; the ECC error totals are running counts, and typing
  // them counters keeps `rate()` correct and the `_total` names lint-clean. The per-location
  // counts stay gauges: a counter without `_total` is what the linter refuses.
  const auto type = key.starts_with("ecc.errors.") && key.ends_with(".total") ? metric_type::counter
                                                                              : metric_type::gauge;
  metric_family family(name, type, help);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto* c = t.find(r, f.field);
    const auto v = c ? field_value(*c) : std::nullopt;
    if (v) family.add(labels[r], *v * nvidia_smi_unit_factor(f.unit));
  }
  if (!family.empty()) families.emplace(name, std::move(family));
}

void add_gpu_families(const collect::snapshot& s, std::map<std::string, metric_family>& families) {
  const auto labels = uuid_labels(s.gpus);
  // Every field the catalogue gives an nvidia_smi name; identity fields go to
  // nvidia_smi_gpu_info instead, the state texts to metrics_nvidia_smi_states.
  for (const auto& f : parsers::field_catalogue())
    if (!f.nvidia_smi_metric.empty()) add_field_family(s.gpus, labels, f, families);
  add_nvidia_smi_state_families(s.gpus, labels, families);
}

void add_gpu_info(const collect::snapshot& s, const metrics_settings& settings,
                  std::map<std::string, metric_family>& families) {
  const auto& t = s.gpus;
  metric_family info("nvidia_smi_gpu_info", metric_type::gauge,
                     "A metric with a constant '1' value labeled by gpu uuid, name, vbios_version, "
                     "driver_version, pci_bus_id, serial, compute_cap, index, cuda_version.");
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::string driver = cell_text(t, r, gpu_field::driver_version);
    if (driver.empty()) driver = s.facts.driver_version;
    metric_labels labels{{"compute_cap", cell_text(t, r, gpu_field::compute_cap)},
                         {"cuda_version", s.facts.cuda_version},
                         {"driver_version", driver},
                         {"index", cell_text(t, r, gpu_field::index)},
                         {"name", cell_text(t, r, gpu_field::name)},
                         {"pci_bus_id", cell_text(t, r, gpu_field::pci_bus_id)},
                         {"serial", cell_text(t, r, gpu_field::serial)},
                         {"uuid", exporter_uuid(cell_text(t, r, gpu_field::uuid))},
                         {"vbios_version", cell_text(t, r, gpu_field::vbios_version)}};
    append_pod_labels(labels, settings, cell_text(t, r, gpu_field::uuid));
    // Sorted by name, as the Go client writes them.
    std::sort(labels.begin(), labels.end());
    info.add(labels, 1);
  }
  if (!info.empty()) families.emplace("nvidia_smi_gpu_info", std::move(info));
}

void add_exporter_families(const collect::snapshot& s,
                           std::map<std::string, metric_family>& families) {
  const auto add = [&](std::string name, metric_type type, std::string help, double v) {
    metric_family f(name, type, std::move(help));
    f.add({}, v);
    families.emplace(std::move(name), std::move(f));
  };
  add("nvidia_smi_command_exit_code", metric_type::gauge,
      "Exit code of the most recent nvidia-smi run", s.health.last_exit_code);
  add("nvidia_smi_failed_scrapes_total", metric_type::counter, "Number of failed collections",
      static_cast<double>(s.health.errors_total));
  add("nvidia_smi_last_collect_success", metric_type::gauge,
      "Whether the most recent collection succeeded (1) or not (0)",
      gpu_rows_are_current(s) && !s.health.last_error ? 1 : 0);
}

}  // namespace

std::string exporter_uuid(std::string uuid) {
  for (auto& ch : uuid) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (uuid.starts_with("gpu-")) uuid.erase(0, 4);
  return uuid;
}

std::string nvidia_smi_metric_name(std::string_view field, std::string_view unit) {
  std::string base(field);
  if (unit == "W")
    base += "_watts";
  else if (unit == "MHz")
    base += "_clock_hz";
  else if (unit == "MiB")
    base += "_bytes";
  else if (unit == "%")
    base += "_ratio";
  else if (unit == "us")
    base += "_seconds";
  for (auto& ch : base)
    if (ch == '.') ch = '_';
  return "nvidia_smi_" + snake_case(base);
}

double nvidia_smi_unit_factor(std::string_view unit) noexcept {
  if (unit == "MHz") return 1e6;
  if (unit == "MiB") return 1048576.0;
  if (unit == "%") return 0.01;
  if (unit == "us") return 1e-6;
  return 1.0;
}

std::string render_nvidia_smi_metrics(const collect::snapshot& s,
                                      const metrics_settings& settings) {
  std::map<std::string, metric_family> families;
  if (gpu_rows_are_current(s)) {
    add_gpu_families(s, families);
    add_gpu_info(s, settings, families);
  }
  add_exporter_families(s, families);
  std::string out;
  for (const auto& [name, family] : families) family.write(out);
  if (gpu_rows_are_current(s)) out += render_pcie_throughput(s);
  return out;
}

}  // namespace smistat::render
