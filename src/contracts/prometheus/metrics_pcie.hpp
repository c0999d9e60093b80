#pragma once
// PCIe throughput, which no --query-gpu field carries: `nvidia-smi -q` prints NVML's sample of
// it per GPU (`Tx Throughput : 3092 KB/s`). The dcgm profile publishes it under dcgm-exporter's
// DCGM_FI_PROF_PCIE_{TX,RX}_BYTES; the nvidia_smi profile, whose exporter has no such series, as
// smistat_pcie_{tx,rx}_bytes_per_second labelled like the other -q families (smistat_mig_*).

#include <cstddef>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

/** DCGM_FI_PROF_PCIE_TX_BYTES and _RX_BYTES for the GPU rows `rows` of `s`, the i-th with
 *  `labels[i]` (dcgm-exporter's label set); "" while -q has given no throughput. */
std::string render_dcgm_pcie_throughput(const collect::snapshot& s,
                                        const std::vector<std::size_t>& rows,
                                        const std::vector<metric_labels>& labels);

/** smistat_pcie_tx_bytes_per_second and _rx_ for every GPU row of `s` with an index, labelled
 *  `gpu` and `UUID`; "" while -q has given no throughput. */
std::string render_pcie_throughput(const collect::snapshot& s);

}  // namespace smistat::render
