#pragma once
// Every nvidia-smi `--query-gpu` field smistat knows, one row each: its names, the kind of value
// it holds, its unit, whether the default query asks for it, and the Prometheus families that
// publish it. This is dcgm-exporter's counters CSV for smistat, as a table the compiler checks:
// the default query, the field kinds and both /metrics profiles are read from it, so adding a
// field is one handle here and one row in a field_rows_*.hpp.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "parsers/field_kind.hpp"

namespace smistat::parsers {

/** A field by handle, so a renderer's typo fails to compile instead of reading as "unknown".
 *  In catalogue order: the fields asked for, in query order, then those only known. */
enum class gpu_field : std::uint16_t {
  index,
  uuid,
  name,
  pci_bus_id,
  serial,
  vbios_version,
  driver_version,
  compute_cap,
  pstate,
  fan_speed,
  memory_total,
  memory_used,
  memory_free,
  memory_reserved,
  utilization_gpu,
  utilization_memory,
  utilization_encoder,
  utilization_decoder,
  temperature_gpu,
  temperature_memory,
  power_draw,
  power_limit,
  enforced_power_limit,
  power_default_limit,
  power_max_limit,
  clocks_current_graphics,
  clocks_current_sm,
  clocks_current_memory,
  clocks_current_video,
  clocks_max_graphics,
  clocks_max_sm,
  clocks_max_memory,
  pcie_link_gen_current,
  pcie_link_gen_max,
  pcie_link_width_current,
  pcie_link_width_max,
  clocks_event_reasons_active,
  compute_mode,
  persistence_mode,
  mig_mode_current,
  ecc_mode_current,
  ecc_errors_corrected_volatile_total,
  ecc_errors_uncorrected_volatile_total,
  ecc_errors_corrected_aggregate_total,
  ecc_errors_uncorrected_aggregate_total,
  retired_pages_single_bit_ecc_count,
  retired_pages_double_bit_count,
  retired_pages_pending,
  remapped_rows_correctable,
  remapped_rows_uncorrectable,
  remapped_rows_pending,
  remapped_rows_failure,
  ecc_errors_corrected_volatile_device_memory,
  ecc_errors_corrected_volatile_dram,
  ecc_errors_corrected_volatile_register_file,
  ecc_errors_corrected_volatile_l1_cache,
  ecc_errors_corrected_volatile_l2_cache,
  ecc_errors_corrected_volatile_texture_memory,
  ecc_errors_corrected_volatile_cbu,
  ecc_errors_corrected_volatile_sram,
  ecc_errors_corrected_aggregate_device_memory,
  ecc_errors_corrected_aggregate_dram,
  ecc_errors_corrected_aggregate_register_file,
  ecc_errors_corrected_aggregate_l1_cache,
  ecc_errors_corrected_aggregate_l2_cache,
  ecc_errors_corrected_aggregate_texture_memory,
  ecc_errors_corrected_aggregate_cbu,
  ecc_errors_corrected_aggregate_sram,
  ecc_errors_uncorrected_volatile_device_memory,
  ecc_errors_uncorrected_volatile_dram,
  ecc_errors_uncorrected_volatile_register_file,
  ecc_errors_uncorrected_volatile_l1_cache,
  ecc_errors_uncorrected_volatile_l2_cache,
  ecc_errors_uncorrected_volatile_texture_memory,
  ecc_errors_uncorrected_volatile_cbu,
  ecc_errors_uncorrected_volatile_sram,
  ecc_errors_uncorrected_aggregate_device_memory,
  ecc_errors_uncorrected_aggregate_dram,
  ecc_errors_uncorrected_aggregate_register_file,
  ecc_errors_uncorrected_aggregate_l1_cache,
  ecc_errors_uncorrected_aggregate_l2_cache,
  ecc_errors_uncorrected_aggregate_texture_memory,
  ecc_errors_uncorrected_aggregate_cbu,
  ecc_errors_uncorrected_aggregate_sram,
  ecc_errors_uncorrected_volatile_sram_parity,
  ecc_errors_uncorrected_volatile_sram_secded,
  ecc_errors_uncorrected_aggregate_sram_parity,
  ecc_errors_uncorrected_aggregate_sram_secded,
  ecc_errors_uncorrected_aggregate_sram_threshold_exceeded,
  ecc_errors_uncorrected_aggregate_sram_l2,
  ecc_errors_uncorrected_aggregate_sram_sm,
  ecc_errors_uncorrected_aggregate_sram_mcu,
  ecc_errors_uncorrected_aggregate_sram_pcie,
  ecc_errors_uncorrected_aggregate_sram_other,
  gpu_recovery_action,
  fabric_state,
  clocks_event_reasons_supported,
  pci_domain,
  pci_bus,
  pci_device,
  pci_device_id,
  pci_sub_device_id,
  pci_base_class,
  pci_sub_class,
  platform_gpu_fabric_guid,
  accounting_mode,
  display_mode,
  display_active,
  display_attached,
  power_management,
  ecc_mode_pending,
  mig_mode_pending,
  gsp_mode_current,
  gsp_mode_default,
  count,
  temperature_gpu_tlimit,
  accounting_buffer_size,
  encoder_stats_session_count,
  encoder_stats_average_fps,
  encoder_stats_average_latency,
  fabric_clique_id,
  timestamp,
};

/** When the default query asks for a field. */
enum class asked : std::uint8_t {
  by_default,    ///< in every query, under the newest name the driver knows
  when_offered,  ///< only once the driver's --help-query-gpu lists it (many drivers lack it)
  never,         ///< known for its kind only (recordings hold it; no renderer reads it)
};

/** The Prometheus type of a published family. */
enum class family_type : std::uint8_t { gauge, counter };

/** A dcgm-exporter family that publishes a field; an empty `name` means none. */
struct dcgm_family {
  std::string_view name;
  family_type type = family_type::gauge;
  std::string_view help;
  std::uint8_t position = 0;  ///< its place among the DCGM families in /metrics
};

/** One field. `names` is newest first; the second is an older name (empty when none). */
struct field_row {
  gpu_field field{};
  std::array<std::string_view, 2> names{};
  value_kind kind = value_kind::text;
  std::string_view unit;  ///< as nvidia-smi's header prints it (`MiB`); empty when none
  asked ask = asked::by_default;
  std::string_view nvidia_smi_metric;  ///< nvidia_gpu_exporter's family; empty when none
  std::array<dcgm_family, 2> dcgm{};   ///< a second one publishes it under an older DCGM name

  /** smistat's key for the field: its newest name. */
  constexpr std::string_view name() const noexcept { return names[0]; }
  /** Its names, newest first, without the empty slot. */
  constexpr std::span<const std::string_view> all_names() const noexcept {
    return {names.data(), names[1].empty() ? 1u : 2u};
  }
};

/** Every row, in `gpu_field` order. */
std::span<const field_row> field_catalogue() noexcept;

/** The row of `f`. */
const field_row& field_info(gpu_field f) noexcept;

/** smistat's key for `f` (its newest name), as a query table's `fields` hold it. */
std::string_view field_name(gpu_field f) noexcept;

/** The row named `name`, newest name or older one; nullptr for a field smistat does not know. */
const field_row* find_field(std::string_view name) noexcept;

/** A DCGM family and the field it is read from. */
struct dcgm_metric {
  gpu_field field{};
  dcgm_family family;
};

/** Every DCGM family of the catalogue, in the order /metrics writes them (`position`). */
std::span<const dcgm_metric> dcgm_metrics() noexcept;

}  // namespace smistat::parsers
