#include "src/contracts/prometheus/metrics_compute_apps.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

using enum metric_type;

constexpr double mib = 1024.0 * 1024.0;

/** The owner labels, always all present (empty when unknown), as dcgm-exporter writes its pod
 *  labels, so every series of a family has one label set. */
void add_owner_labels(metric_labels& labels, const system::process_details* d) {
  static const system::process_details unknown;  // a pid that vanished or is not visible
  const auto& p = d ? *d : unknown;
  labels.emplace_back("user", p.username);
  labels.emplace_back("container_id", p.owner.container_id);
  labels.emplace_back("pod_uid", p.owner.pod_uid);
  labels.emplace_back("systemd_unit", p.owner.systemd_unit);
  labels.emplace_back("slurm_job", p.owner.slurm_job);
}

std::map<std::int64_t, const system::process_details*> details_by_pid(const collect::snapshot& s) {
  std::map<std::int64_t, const system::process_details*> out;
  for (const auto& d : s.app_processes) out.emplace(d.pid, &d);
  return out;
}

const system::process_details* find_details(
    const std::map<std::int64_t, const system::process_details*>& by_pid, std::int64_t pid) {
  const auto it = by_pid.find(pid);
  return it == by_pid.end() ? nullptr : it->second;
}

void write_dropped(std::string& out, std::size_t dropped) {
  append_single(out, "smistat_process_series_dropped", gauge,
                "Processes left out of this scrape's per-process series by "
                "--metrics.processes.max (the smallest GPU memory users go first).",
                {}, static_cast<double>(dropped));
}

/** nvidia_gpu_exporter's families; its Go client writes labels sorted by name, so these are. */
std::string render_exporter_families(const collect::snapshot& s, const selected_apps& sel) {
  const auto by_pid = details_by_pid(s);
  metric_family info("nvidia_smi_compute_app_info", gauge,
                     "A metric with a constant '1' value labeled by the identity of a process "
                     "with a compute context on a GPU.");
  metric_family memory("nvidia_smi_compute_app_used_memory_bytes", gauge,
                       "GPU memory used by the process. Absent when the driver cannot report it "
                       "(e.g. Windows WDDM).");
  for (const auto* app : sel.kept) {
    metric_labels labels{{"pid", std::to_string(*app->pid)},
                         {"process_name", app->process_name},
                         {"uuid", exporter_uuid(app->gpu_uuid)}};
    add_owner_labels(labels, find_details(by_pid, *app->pid));
    std::ranges::sort(labels);
    info.add(labels, 1);
    if (app->used_memory_mib) memory.add(labels, static_cast<double>(*app->used_memory_mib) * mib);
  }
  metric_family count("nvidia_smi_compute_apps", gauge,
                      "Number of processes with a compute context on the GPU.");
  for (std::size_t r = 0; r < s.gpus.rows.size(); ++r) {
    const auto uuid = cell_text(s.gpus, r, gpu_field::uuid);
    if (uuid.empty()) continue;
    const auto n = std::ranges::count_if(s.apps, [&](const auto& a) { return a.gpu_uuid == uuid; });
    count.add({{"uuid", exporter_uuid(uuid)}}, static_cast<double>(n));
  }
  std::string out;
  info.write(out);
  memory.write(out);
  count.write(out);
  return out;
}

/** smistat's own family under dcgm-exporter's GPU labels `gpu` and `UUID` (and the host label). */
std::string render_dcgm_family(const collect::snapshot& s, const selected_apps& sel,
                               const metrics_settings& settings) {
  const auto by_pid = details_by_pid(s);
  std::map<std::string, std::string> index_by_uuid;
  for (std::size_t r = 0; r < s.gpus.rows.size(); ++r)
    index_by_uuid.emplace(cell_text(s.gpus, r, gpu_field::uuid),
                          cell_text(s.gpus, r, gpu_field::index));
  metric_family memory("smistat_process_gpu_memory_bytes", gauge,
                       "GPU memory used by a compute process, labeled by its owner; absent when "
                       "the driver cannot report it (Windows WDDM).");
  for (const auto* app : sel.kept) {
    if (!app->used_memory_mib) continue;
    const auto it = index_by_uuid.find(app->gpu_uuid);
    metric_labels labels{{"gpu", it == index_by_uuid.end() ? std::string() : it->second},
                         {"UUID", app->gpu_uuid}};
    if (!settings.hostname_label.empty())
      labels.emplace_back(settings.hostname_label, settings.hostname);
    labels.emplace_back("pid", std::to_string(*app->pid));
    labels.emplace_back("process_name", app->process_name);
    add_owner_labels(labels, find_details(by_pid, *app->pid));
    memory.add(labels, static_cast<double>(*app->used_memory_mib) * mib);
  }
  std::string out;
  memory.write(out);
  return out;
}

}  // namespace

selected_apps select_compute_apps(const std::vector<parsers::compute_app>& apps, std::size_t max) {
  selected_apps sel;
  for (const auto& a : apps)
    if (a.pid) sel.kept.push_back(&a);
  // The biggest users are the ones an operator looks for; unknown memory sorts last.
  std::ranges::stable_sort(sel.kept, [](const auto* a, const auto* b) {
    const auto key = [](const parsers::compute_app* x) {
      return std::tuple(!x->used_memory_mib.has_value(), -x->used_memory_mib.value_or(0),
                        x->gpu_uuid, *x->pid);
    };
    return key(a) < key(b);
  });
  if (sel.kept.size() > max) {
    sel.dropped = sel.kept.size() - max;
    sel.kept.resize(max);
  }
  return sel;
}

std::string render_compute_app_metrics(const collect::snapshot& s,
                                       const metrics_settings& settings) {
  if (!settings.processes || !gpu_rows_are_current(s) || !s.health.processes.last_attempt)
    return {};
  const bool exporter = settings.profile == metrics_profile::nvidia_smi;
  std::string out;
  // As nvidia_gpu_exporter: a failed process list drops every per-process series (the last good
  // list would pass for current), and its success gauge says so.
  const bool listed = !s.health.processes.last_error && s.health.processes.last_success;
  if (listed) {
    const auto sel = select_compute_apps(s.apps, settings.processes_max);
    out = exporter ? render_exporter_families(s, sel) : render_dcgm_family(s, sel, settings);
    write_dropped(out, sel.dropped);
  }
  if (exporter)
    append_single(out, "nvidia_smi_compute_apps_last_collect_success", gauge,
                  "Whether the most recent per-process collection succeeded (1) or not (0)", {},
                  listed ? 1 : 0);
  return out;
}

}  // namespace smistat::render
