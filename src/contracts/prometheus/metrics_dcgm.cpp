#include "src/contracts/prometheus/metrics_dcgm.hpp"

#include <array>
#include <string_view>

#include "src/contracts/prometheus/metrics_pcie.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {
namespace {

struct dcgm_family {
  std::string_view name;
  metric_type type;
  std::string_view help;
  std::string_view key;  ///< the nvidia-smi field it is read from
};

using enum metric_type;

// Names, types and HELP texts as in NVIDIA/dcgm-exporter etc/default-counters.csv and
// etc/dcp-metrics-included.csv (FB_RESERVED, RETIRED_*); the families those files leave out
// (FB_TOTAL, FAN_SPEED, PSTATE, the power limits, CLOCKS_EVENT_REASONS, PCIE_LINK_*, ECC
// totals) carry dcgm-exporter's documented custom-counter HELP or DCGM's dcgm_fields.h
// description. Units already agree with nvidia-smi's: MHz, C, W, %, MiB.
constexpr std::array dcgm_families{
    dcgm_family{"DCGM_FI_DEV_SM_CLOCK", gauge, "SM clock frequency (in MHz).", "clocks.current.sm"},
    dcgm_family{"DCGM_FI_DEV_MEM_CLOCK", gauge, "Memory clock frequency (in MHz).",
                "clocks.current.memory"},
    dcgm_family{"DCGM_FI_DEV_MEMORY_TEMP", gauge, "Memory temperature (in C).",
                "temperature.memory"},
    dcgm_family{"DCGM_FI_DEV_GPU_TEMP", gauge, "GPU temperature (in C).", "temperature.gpu"},
    dcgm_family{"DCGM_FI_DEV_POWER_USAGE", gauge, "Power draw (in W).", "power.draw"},
    dcgm_family{"DCGM_FI_DEV_GPU_UTIL", gauge, "GPU utilization (in %).", "utilization.gpu"},
    dcgm_family{"DCGM_FI_DEV_MEM_COPY_UTIL", gauge, "Memory utilization (in %).",
                "utilization.memory"},
    dcgm_family{"DCGM_FI_DEV_ENC_UTIL", gauge, "Encoder utilization (in %).",
                "utilization.encoder"},
    dcgm_family{"DCGM_FI_DEV_DEC_UTIL", gauge, "Decoder utilization (in %).",
                "utilization.decoder"},
    dcgm_family{"DCGM_FI_DEV_FB_FREE", gauge, "Framebuffer memory free (in MiB).", "memory.free"},
    dcgm_family{"DCGM_FI_DEV_FB_USED", gauge, "Framebuffer memory used (in MiB).", "memory.used"},
    dcgm_family{"DCGM_FI_DEV_FB_RESERVED", gauge, "Framebuffer memory reserved (in MiB).",
                "memory.reserved"},
    dcgm_family{"DCGM_FI_DEV_FB_TOTAL", gauge, "Total framebuffer memory (in MiB).",
                "memory.total"},
    dcgm_family{"DCGM_FI_DEV_FAN_SPEED", gauge, "Fan speed for the device in percent 0-100.",
                "fan.speed"},
    dcgm_family{"DCGM_FI_DEV_PSTATE", gauge, "Performance state (P-State) 0-15. 0=highest",
                "pstate"},
    dcgm_family{"DCGM_FI_DEV_POWER_MGMT_LIMIT", gauge, "Current power limit for the device.",
                "power.limit"},
    dcgm_family{"DCGM_FI_DEV_ENFORCED_POWER_LIMIT", gauge,
                "Effective power limit that the driver enforces after taking into account all "
                "limiters (in W).",
                "enforced.power.limit"},
    dcgm_family{"DCGM_FI_DEV_CLOCKS_EVENT_REASONS", gauge,
                "Current clock event reasons (bitmask of DCGM_CLOCKS_EVENT_REASON_*)",
                "clocks_event_reasons.active"},
    // The same bitmask under the field's older name (DCGM renamed it CLOCKS_EVENT_REASONS),
    // which dashboards and alert rules written for older dcgm-exporters still query.
    dcgm_family{"DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", gauge,
                "Current clock throttle reasons (bitmask of DCGM_CLOCKS_THROTTLE_REASON_*)",
                "clocks_event_reasons.active"},
    dcgm_family{"DCGM_FI_DEV_PCIE_LINK_GEN", gauge, "PCIe current link generation.",
                "pcie.link.gen.current"},
    dcgm_family{"DCGM_FI_DEV_PCIE_LINK_WIDTH", gauge, "PCIe current link width.",
                "pcie.link.width.current"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", counter,
                "Total number of single-bit volatile ECC errors.",
                "ecc.errors.corrected.volatile.total"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", counter,
                "Total number of double-bit volatile ECC errors.",
                "ecc.errors.uncorrected.volatile.total"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", counter,
                "Total number of single-bit persistent ECC errors.",
                "ecc.errors.corrected.aggregate.total"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", counter,
                "Total number of double-bit persistent ECC errors.",
                "ecc.errors.uncorrected.aggregate.total"},
    dcgm_family{"DCGM_FI_DEV_RETIRED_SBE", counter,
                "Total number of retired pages due to single-bit errors.",
                "retired_pages.single_bit_ecc.count"},
    dcgm_family{"DCGM_FI_DEV_RETIRED_DBE", counter,
                "Total number of retired pages due to double-bit errors.",
                "retired_pages.double_bit.count"},
    dcgm_family{"DCGM_FI_DEV_RETIRED_PENDING", counter, "Total number of pages pending retirement.",
                "retired_pages.pending"},
    dcgm_family{"DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", counter,
                "Number of remapped rows for uncorrectable errors", "remapped_rows.uncorrectable"},
    dcgm_family{"DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", counter,
                "Number of remapped rows for correctable errors", "remapped_rows.correctable"},
    dcgm_family{"DCGM_FI_DEV_ROW_REMAP_FAILURE", gauge, "Whether remapping of rows has failed",
                "remapped_rows.failure"},
    dcgm_family{"DCGM_FI_DEV_ROW_REMAP_PENDING", gauge, "Whether remapping of rows is pending",
                "remapped_rows.pending"},
    // DCGM's per-location ECC counts (dcgm_fields.h), for the locations nvidia-smi shares with it.
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_VOL_L1", counter, "L1 cache single bit volatile ECC errors",
                "ecc.errors.corrected.volatile.l1_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_VOL_L1", counter, "L1 cache double bit volatile ECC errors",
                "ecc.errors.uncorrected.volatile.l1_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_VOL_L2", counter, "L2 cache single bit volatile ECC errors",
                "ecc.errors.corrected.volatile.l2_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_VOL_L2", counter, "L2 cache double bit volatile ECC errors",
                "ecc.errors.uncorrected.volatile.l2_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_VOL_DEV", counter,
                "Device memory single bit volatile ECC errors",
                "ecc.errors.corrected.volatile.device_memory"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_VOL_DEV", counter,
                "Device memory double bit volatile ECC errors",
                "ecc.errors.uncorrected.volatile.device_memory"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_VOL_REG", counter,
                "Register file single bit volatile ECC errors",
                "ecc.errors.corrected.volatile.register_file"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_VOL_REG", counter,
                "Register file double bit volatile ECC errors",
                "ecc.errors.uncorrected.volatile.register_file"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_VOL_TEX", counter,
                "Texture memory single bit volatile ECC errors",
                "ecc.errors.corrected.volatile.texture_memory"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_VOL_TEX", counter,
                "Texture memory double bit volatile ECC errors",
                "ecc.errors.uncorrected.volatile.texture_memory"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_AGG_L1", counter,
                "L1 cache single bit aggregate (persistent) ECC errors",
                "ecc.errors.corrected.aggregate.l1_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_AGG_L1", counter,
                "L1 cache double bit aggregate (persistent) ECC errors",
                "ecc.errors.uncorrected.aggregate.l1_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_AGG_L2", counter,
                "L2 cache single bit aggregate (persistent) ECC errors",
                "ecc.errors.corrected.aggregate.l2_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_AGG_L2", counter,
                "L2 cache double bit aggregate (persistent) ECC errors",
                "ecc.errors.uncorrected.aggregate.l2_cache"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_AGG_DEV", counter,
                "Device memory single bit aggregate (persistent) ECC errors",
                "ecc.errors.corrected.aggregate.device_memory"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_AGG_DEV", counter,
                "Device memory double bit aggregate (persistent) ECC errors",
                "ecc.errors.uncorrected.aggregate.device_memory"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_AGG_REG", counter,
                "Register file single bit aggregate (persistent) ECC errors",
                "ecc.errors.corrected.aggregate.register_file"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_AGG_REG", counter,
                "Register file double bit aggregate (persistent) ECC errors",
                "ecc.errors.uncorrected.aggregate.register_file"},
    dcgm_family{"DCGM_FI_DEV_ECC_SBE_AGG_TEX", counter,
                "Texture memory single bit aggregate (persistent) ECC errors",
                "ecc.errors.corrected.aggregate.texture_memory"},
    dcgm_family{"DCGM_FI_DEV_ECC_DBE_AGG_TEX", counter,
                "Texture memory double bit aggregate (persistent) ECC errors",
                "ecc.errors.uncorrected.aggregate.texture_memory"},
};

/** dcgm-exporter's label set for one GPU row, in its order. */
metric_labels gpu_labels(const collect::snapshot& s, std::size_t row,
                         const metrics_settings& settings) {
  const auto& t = s.gpus;
  const auto index = cell_text(t, row, "index");
  std::string driver = cell_text(t, row, "driver_version");
  if (driver.empty()) driver = s.facts.driver_version;
  metric_labels labels{{"gpu", index},
                       {"UUID", cell_text(t, row, "uuid")},
                       {"pci_bus_id", cell_text(t, row, "pci.bus_id")},
                       {"device", "nvidia" + index},
                       {"modelName", cell_text(t, row, "name")}};
  if (!settings.hostname_label.empty())
    labels.emplace_back(settings.hostname_label, settings.hostname);
  labels.emplace_back("DCGM_FI_DRIVER_VERSION", driver);
  append_pod_labels(labels, settings, cell_text(t, row, "uuid"));
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
    if (cell_text(s.gpus, r, "index").empty()) continue;
    const auto jobs = s.hpc_jobs.find(cell_text(s.gpus, r, "index"));
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
  for (const auto& def : dcgm_families) {
    metric_family family(std::string(def.name), def.type, std::string(def.help));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto* c = s.gpus.find(rows[i], def.key);
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
