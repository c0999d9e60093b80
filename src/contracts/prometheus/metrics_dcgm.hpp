#pragma once
// The GPU families under NVIDIA dcgm-exporter's names, types, HELP texts and labels, for the
// quantities `nvidia-smi --query-gpu` gives. Quantities it does not give (energy counter, NVLink,
// profiling ratios) are never published under a DCGM name; XID errors come from the kernel log
// (metrics_xid.hpp) and the PCIe throughput from `nvidia-smi -q` (metrics_pcie.hpp).

#include <string>

#include "src/collect/snapshot.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

/** The DCGM families and `smistat_gpu_info` for `s`; "" when no GPU rows are current. */
std::string render_dcgm_metrics(const collect::snapshot& s, const metrics_settings& settings);

/** dcgm-exporter's label set for the GPU in `row` of `s` (gpu, UUID, pci_bus_id, device,
 *  modelName, the host label, DCGM_FI_DRIVER_VERSION), for families rendered elsewhere. */
metric_labels dcgm_gpu_labels(const collect::snapshot& s, std::size_t row,
                              const metrics_settings& settings);

/** True when `s` carries GPU rows from its latest collection (a failed one keeps the old rows
 *  beside its health, and those must not be published as current). */
bool gpu_rows_are_current(const collect::snapshot& s) noexcept;

}  // namespace smistat::render
