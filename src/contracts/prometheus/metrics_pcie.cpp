#include "src/contracts/prometheus/metrics_pcie.hpp"

#include <optional>

#include "src/contracts/prometheus/metrics_gpu.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

// NVML's KB, as nvidia-smi prints it: 1024 bytes (the GPU Metrics API's MB/s reads it alike).
constexpr double bytes_per_kb = 1024.0;

enum class direction { tx, rx };

/** One direction's throughput of `d` in bytes per second; nullopt where -q printed N/A. */
std::optional<double> bytes_per_second(const parsers::gpu_details& d, direction dir) {
  const auto& kb = dir == direction::tx ? d.tx_throughput_kb_per_sec : d.rx_throughput_kb_per_sec;
  if (!kb) return std::nullopt;
  return *kb * bytes_per_kb;
}

/** The -q section of the GPU in `row` of `s`, matched by UUID; null when -q was not read, its
 *  last run failed (a rate kept from an older run would pass for a current one) or it has no
 *  section for that GPU. */
const parsers::gpu_details* details_of_row(const collect::snapshot& s, std::size_t row) {
  if (s.health.details.last_error) return nullptr;
  const auto uuid = cell_text(s.gpus, row, gpu_field::uuid);
  if (uuid.empty()) return nullptr;
  for (const auto& d : s.details)
    if (d.uuid == uuid) return &d;
  return nullptr;
}

struct pcie_families {
  metric_family tx;
  metric_family rx;

  void add(const parsers::gpu_details& d, const metric_labels& labels) {
    if (const auto v = bytes_per_second(d, direction::tx)) tx.add(labels, *v);
    if (const auto v = bytes_per_second(d, direction::rx)) rx.add(labels, *v);
  }
  std::string written() const {
    std::string out;
    tx.write(out);
    rx.write(out);
    return out;
  }
};

}  // namespace

std::string render_dcgm_pcie_throughput(const collect::snapshot& s,
                                        const std::vector<std::size_t>& rows,
                                        const std::vector<metric_labels>& labels) {
  // Name, type and HELP as dcgm-exporter's etc/dcp-metrics-included.csv has them. DCGM counts
  // over its own sampling period where NVML samples 20 ms, so the two agree on average only.
  pcie_families f{
      {"DCGM_FI_PROF_PCIE_TX_BYTES", metric_type::gauge,
       "The rate of data transmitted over the PCIe bus - including both protocol headers and data "
       "payloads - in bytes per second."},
      {"DCGM_FI_PROF_PCIE_RX_BYTES", metric_type::gauge,
       "The rate of data received over the PCIe bus - including both protocol headers and data "
       "payloads - in bytes per second."}};
  for (std::size_t i = 0; i < rows.size() && i < labels.size(); ++i)
    if (const auto* d = details_of_row(s, rows[i])) f.add(*d, labels[i]);
  return f.written();
}

std::string render_pcie_throughput(const collect::snapshot& s) {
  pcie_families f{{"smistat_pcie_tx_bytes_per_second", metric_type::gauge,
                   "PCIe transmit throughput of the GPU (nvidia-smi -q, NVML's 20 ms sample)."},
                  {"smistat_pcie_rx_bytes_per_second", metric_type::gauge,
                   "PCIe receive throughput of the GPU (nvidia-smi -q, NVML's 20 ms sample)."}};
  for (std::size_t row = 0; row < s.gpus.rows.size(); ++row) {
    const auto index = cell_text(s.gpus, row, gpu_field::index);
    if (index.empty()) continue;
    if (const auto* d = details_of_row(s, row))
      f.add(*d, {{"gpu", index}, {"UUID", cell_text(s.gpus, row, gpu_field::uuid)}});
  }
  return f.written();
}

}  // namespace smistat::render
