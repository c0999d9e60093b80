#pragma once
// The GPU part of /metrics: which profile's names to use, the labels' settings, and reading a
// nvidia-smi cell as a sample value. A cell without a value yields no sample, never a sentinel.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parsers/cell.hpp"
#include "parsers/field_catalogue.hpp"
#include "src/collect/kubernetes_report.hpp"
#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** Whose metric names the GPU part reproduces. */
enum class metrics_profile { dcgm, nvidia_smi };

/** How the GPU part is labelled. */
struct metrics_settings {
  metrics_profile profile = metrics_profile::dcgm;
  std::string hostname_label = "Hostname";  ///< empty: no hostname label
  std::string hostname;                     ///< the value of the hostname label
  unsigned gpus_expected = 0;               ///< 0: the most GPUs seen since start
  bool processes = true;                    ///< per-process series (metrics_compute_apps.hpp)
  std::size_t processes_max = 256;          ///< most per-process series in one scrape
  /** With `--kubernetes`, the pod each GPU is allocated to: the GPU series gain pod, namespace
   *  and container (empty when unallocated). Null: no such labels. */
  std::shared_ptr<const collect::kubernetes_report> pods = nullptr;
};

/** The allocation labels of the GPU `uuid` in dcgm-exporter's order (container, namespace,
 *  pod), empty values when no pod holds it; nothing when settings.pods is null. */
void append_pod_labels(std::vector<std::pair<std::string, std::string>>& labels,
                       const metrics_settings& settings, const std::string& uuid);

/** A cell as a number: plain or with a unit (`81559 MiB`), hex (`0x...`), `P<n>` or a flag
 *  (`Enabled`/`Yes`/`Active` = 1). nullopt for placeholders and any other text. */
std::optional<double> metric_value(const parsers::cell& c) noexcept;

/** The cell of `field` in `row` as text, or "" when the field is absent or a placeholder. */
std::string cell_text(const parsers::query_table& t, std::size_t row, parsers::gpu_field field);

/** The GPU families of `s` under the configured profile, plus `smistat_gpu_info`. Empty when
 *  the snapshot has no GPU rows (collection failed or nothing sampled yet). */
std::string render_gpu_metrics(const collect::snapshot& s, const metrics_settings& settings);

}  // namespace smistat::render
