#pragma once
// The GPU families under utkuozdemir/nvidia_gpu_exporter's names (`nvidia_smi_*`, label `uuid`),
// so dashboards built for it (Grafana 14574) work against smistat.

#include <string>
#include <string_view>

#include "src/collect/snapshot.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"

namespace smistat::render {

/** nvidia_gpu_exporter's name for a returned field and unit: units become suffixes
 *  (`W` -> `_watts`, `MHz` -> `_clock_hz`, `MiB` -> `_bytes`, `%` -> `_ratio`, `us` ->
 *  `_seconds`), dots become underscores, camelCase becomes snake_case, `nvidia_smi_` in front. */
std::string nvidia_smi_metric_name(std::string_view field, std::string_view unit);

/** The factor that turns a value in `unit` into the base unit the name promises. */
double nvidia_smi_unit_factor(std::string_view unit) noexcept;

/** The exporter's `uuid` label for a GPU UUID: lower case without the `GPU-` prefix. */
std::string exporter_uuid(std::string uuid);

/** The `nvidia_smi_*` families for `s`, sorted by name; the GPU families are left out unless
 *  the snapshot's rows come from its latest collection. */
std::string render_nvidia_smi_metrics(const collect::snapshot& s,
                                      const metrics_settings& settings = {});

}  // namespace smistat::render
