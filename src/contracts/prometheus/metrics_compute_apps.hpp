#pragma once
// Who uses each GPU: one series per compute process nvidia-smi lists, with the owner read from
// /proc (user, container, pod, systemd unit, Slurm job). Under the nvidia_smi profile these are
// nvidia_gpu_exporter's own `--collect.compute-apps` families; DCGM has no per-process family,
// so the dcgm profile gets smistat's `smistat_process_gpu_memory_bytes`.

#include <cstddef>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"

namespace smistat::render {

/** The processes of `s.apps` that get series: those with a pid, the most GPU memory first
 *  (unknown memory last, then by GPU and pid), at most `max`. `dropped` counts the others. */
struct selected_apps {
  std::vector<const parsers::compute_app*> kept;
  std::size_t dropped = 0;
};
selected_apps select_compute_apps(const std::vector<parsers::compute_app>& apps, std::size_t max);

/** The per-process families of `s` under the configured profile, plus
 *  `smistat_process_series_dropped` (and under nvidia_smi the exporter's
 *  `nvidia_smi_compute_apps_last_collect_success`). Empty when turned off, when the GPU rows are
 *  not current or before the first process list was asked for; no per-process series while the
 *  last list failed (an unread list is unknown, not "no processes"). */
std::string render_compute_app_metrics(const collect::snapshot& s,
                                       const metrics_settings& settings);

}  // namespace smistat::render
