#pragma once
// The nvidia_gpu_exporter families that are not one field read as a number: a 0/1 gauge per
// clock-event reason, taken from the `clocks_event_reasons.active` bitmask smistat already asks
// for, and the recovery action and fabric state, whose text the exporter maps to NVML's enum
// numbers. Unknown input (a placeholder bitmask, text outside the mapping) yields no sample.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "parsers/cell.hpp"
#include "parsers/query_csv.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

/** One reason of the bitmask: the name nvidia-smi gives its own field and NVML's bit. */
struct clock_event_reason {
  std::string_view
      name;           ///< `hw_thermal_slowdown` (field `clocks_event_reasons.hw_thermal_slowdown`)
  std::uint64_t bit;  ///< `nvmlClocksEventReasonHwThermalSlowdown` = 0x40
};

/** The reasons nvidia-smi has a field for, in its --help-query-gpu order. */
std::span<const clock_event_reason> clock_event_reasons() noexcept;

/** Whether `bit` is set in the bitmask cell; nullopt when the bitmask is unknown. */
std::optional<bool> clock_event_reason_active(const parsers::cell& bitmask,
                                              std::uint64_t bit) noexcept;

/** `gpu_recovery_action` text as nvmlGpuRecoveryAction_t (None 0 ... Drain and Reset 4). */
std::optional<double> gpu_recovery_action_number(std::string_view text);

/** `fabric.state` text as nvmlGpuFabricState_t (Not Supported 0 ... Completed 3). */
std::optional<double> fabric_state_number(std::string_view text);

/** Adds `nvidia_smi_clocks_event_reasons_<reason>`, `nvidia_smi_gpu_recovery_action` and
 *  `nvidia_smi_fabric_state` for the rows of `t`, row r labelled `row_labels[r]`. */
void add_nvidia_smi_state_families(const parsers::query_table& t,
                                   std::span<const metric_labels> row_labels,
                                   std::map<std::string, metric_family>& families);

}  // namespace smistat::render
