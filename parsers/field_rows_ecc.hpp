#pragma once
// The field catalogue's memory-error rows, in query order after field_rows_gpu.hpp: ECC mode
// and totals, retired pages, remapped rows, then the ECC counts per memory location, which
// vary by GPU generation and so are asked only where the driver offers them. DCGM's
// per-location families are those of dcgm_fields.h, for the locations nvidia-smi shares.

#include <array>

#include "parsers/field_row_builder.hpp"

namespace smistat::parsers::catalogue_rows {

inline constexpr auto ecc_rows = std::to_array<field_row>({
    always(gpu_field::ecc_mode_current, "ecc.mode.current", value_kind::flag)
        .nvidia_smi("nvidia_smi_ecc_mode_current"),
    always(gpu_field::ecc_errors_corrected_volatile_total, "ecc.errors.corrected.volatile.total",
           value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_total")
        .dcgm(21, "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", counter,
              "Total number of single-bit volatile ECC errors."),
    always(gpu_field::ecc_errors_uncorrected_volatile_total,
           "ecc.errors.uncorrected.volatile.total", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_total")
        .dcgm(22, "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", counter,
              "Total number of double-bit volatile ECC errors."),
    always(gpu_field::ecc_errors_corrected_aggregate_total, "ecc.errors.corrected.aggregate.total",
           value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_total")
        .dcgm(23, "DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", counter,
              "Total number of single-bit persistent ECC errors."),
    always(gpu_field::ecc_errors_uncorrected_aggregate_total,
           "ecc.errors.uncorrected.aggregate.total", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_total")
        .dcgm(24, "DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", counter,
              "Total number of double-bit persistent ECC errors."),
    always(gpu_field::retired_pages_single_bit_ecc_count, "retired_pages.single_bit_ecc.count",
           value_kind::integer)
        .nvidia_smi("nvidia_smi_retired_pages_single_bit_ecc_count")
        .dcgm(25, "DCGM_FI_DEV_RETIRED_SBE", counter,
              "Total number of retired pages due to single-bit errors."),
    always(gpu_field::retired_pages_double_bit_count, "retired_pages.double_bit.count",
           value_kind::integer)
        .nvidia_smi("nvidia_smi_retired_pages_double_bit_count")
        .dcgm(26, "DCGM_FI_DEV_RETIRED_DBE", counter,
              "Total number of retired pages due to double-bit errors."),
    always(gpu_field::retired_pages_pending, "retired_pages.pending", value_kind::flag)
        .nvidia_smi("nvidia_smi_retired_pages_pending")
        .dcgm(27, "DCGM_FI_DEV_RETIRED_PENDING", counter,
              "Total number of pages pending retirement."),
    always(gpu_field::remapped_rows_correctable, "remapped_rows.correctable", value_kind::integer)
        .nvidia_smi("nvidia_smi_remapped_rows_correctable")
        .dcgm(29, "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", counter,
              "Number of remapped rows for correctable errors"),
    always(gpu_field::remapped_rows_uncorrectable, "remapped_rows.uncorrectable",
           value_kind::integer)
        .nvidia_smi("nvidia_smi_remapped_rows_uncorrectable")
        .dcgm(28, "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", counter,
              "Number of remapped rows for uncorrectable errors"),
    always(gpu_field::remapped_rows_pending, "remapped_rows.pending", value_kind::flag)
        .nvidia_smi("nvidia_smi_remapped_rows_pending")
        .dcgm(31, "DCGM_FI_DEV_ROW_REMAP_PENDING", gauge, "Whether remapping of rows is pending"),
    always(gpu_field::remapped_rows_failure, "remapped_rows.failure", value_kind::flag)
        .nvidia_smi("nvidia_smi_remapped_rows_failure")
        .dcgm(30, "DCGM_FI_DEV_ROW_REMAP_FAILURE", gauge, "Whether remapping of rows has failed"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_device_memory,
               "ecc.errors.corrected.volatile.device_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_device_memory")
        .dcgm(36, "DCGM_FI_DEV_ECC_SBE_VOL_DEV", counter,
              "Device memory single bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_dram, "ecc.errors.corrected.volatile.dram",
               value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_dram"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_register_file,
               "ecc.errors.corrected.volatile.register_file", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_register_file")
        .dcgm(38, "DCGM_FI_DEV_ECC_SBE_VOL_REG", counter,
              "Register file single bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_l1_cache,
               "ecc.errors.corrected.volatile.l1_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_l1_cache")
        .dcgm(32, "DCGM_FI_DEV_ECC_SBE_VOL_L1", counter, "L1 cache single bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_l2_cache,
               "ecc.errors.corrected.volatile.l2_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_l2_cache")
        .dcgm(34, "DCGM_FI_DEV_ECC_SBE_VOL_L2", counter, "L2 cache single bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_texture_memory,
               "ecc.errors.corrected.volatile.texture_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_texture_memory")
        .dcgm(40, "DCGM_FI_DEV_ECC_SBE_VOL_TEX", counter,
              "Texture memory single bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_cbu, "ecc.errors.corrected.volatile.cbu",
               value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_cbu"),
    if_offered(gpu_field::ecc_errors_corrected_volatile_sram, "ecc.errors.corrected.volatile.sram",
               value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_volatile_sram"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_device_memory,
               "ecc.errors.corrected.aggregate.device_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_device_memory")
        .dcgm(46, "DCGM_FI_DEV_ECC_SBE_AGG_DEV", counter,
              "Device memory single bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_dram,
               "ecc.errors.corrected.aggregate.dram", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_dram"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_register_file,
               "ecc.errors.corrected.aggregate.register_file", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_register_file")
        .dcgm(48, "DCGM_FI_DEV_ECC_SBE_AGG_REG", counter,
              "Register file single bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_l1_cache,
               "ecc.errors.corrected.aggregate.l1_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_l1_cache")
        .dcgm(42, "DCGM_FI_DEV_ECC_SBE_AGG_L1", counter,
              "L1 cache single bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_l2_cache,
               "ecc.errors.corrected.aggregate.l2_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_l2_cache")
        .dcgm(44, "DCGM_FI_DEV_ECC_SBE_AGG_L2", counter,
              "L2 cache single bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_texture_memory,
               "ecc.errors.corrected.aggregate.texture_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_texture_memory")
        .dcgm(50, "DCGM_FI_DEV_ECC_SBE_AGG_TEX", counter,
              "Texture memory single bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_cbu, "ecc.errors.corrected.aggregate.cbu",
               value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_cbu"),
    if_offered(gpu_field::ecc_errors_corrected_aggregate_sram,
               "ecc.errors.corrected.aggregate.sram", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_corrected_aggregate_sram"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_device_memory,
               "ecc.errors.uncorrected.volatile.device_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_device_memory")
        .dcgm(37, "DCGM_FI_DEV_ECC_DBE_VOL_DEV", counter,
              "Device memory double bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_dram,
               "ecc.errors.uncorrected.volatile.dram", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_dram"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_register_file,
               "ecc.errors.uncorrected.volatile.register_file", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_register_file")
        .dcgm(39, "DCGM_FI_DEV_ECC_DBE_VOL_REG", counter,
              "Register file double bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_l1_cache,
               "ecc.errors.uncorrected.volatile.l1_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_l1_cache")
        .dcgm(33, "DCGM_FI_DEV_ECC_DBE_VOL_L1", counter, "L1 cache double bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_l2_cache,
               "ecc.errors.uncorrected.volatile.l2_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_l2_cache")
        .dcgm(35, "DCGM_FI_DEV_ECC_DBE_VOL_L2", counter, "L2 cache double bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_texture_memory,
               "ecc.errors.uncorrected.volatile.texture_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_texture_memory")
        .dcgm(41, "DCGM_FI_DEV_ECC_DBE_VOL_TEX", counter,
              "Texture memory double bit volatile ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_cbu,
               "ecc.errors.uncorrected.volatile.cbu", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_cbu"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_sram,
               "ecc.errors.uncorrected.volatile.sram", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_sram"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_device_memory,
               "ecc.errors.uncorrected.aggregate.device_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_device_memory")
        .dcgm(47, "DCGM_FI_DEV_ECC_DBE_AGG_DEV", counter,
              "Device memory double bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_dram,
               "ecc.errors.uncorrected.aggregate.dram", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_dram"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_register_file,
               "ecc.errors.uncorrected.aggregate.register_file", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_register_file")
        .dcgm(49, "DCGM_FI_DEV_ECC_DBE_AGG_REG", counter,
              "Register file double bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_l1_cache,
               "ecc.errors.uncorrected.aggregate.l1_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_l1_cache")
        .dcgm(43, "DCGM_FI_DEV_ECC_DBE_AGG_L1", counter,
              "L1 cache double bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_l2_cache,
               "ecc.errors.uncorrected.aggregate.l2_cache", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_l2_cache")
        .dcgm(45, "DCGM_FI_DEV_ECC_DBE_AGG_L2", counter,
              "L2 cache double bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_texture_memory,
               "ecc.errors.uncorrected.aggregate.texture_memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_texture_memory")
        .dcgm(51, "DCGM_FI_DEV_ECC_DBE_AGG_TEX", counter,
              "Texture memory double bit aggregate (persistent) ECC errors"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_cbu,
               "ecc.errors.uncorrected.aggregate.cbu", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_cbu"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram,
               "ecc.errors.uncorrected.aggregate.sram", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_sram_parity,
               "ecc.errors.uncorrected.volatile.sram.parity", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_sram_parity"),
    if_offered(gpu_field::ecc_errors_uncorrected_volatile_sram_secded,
               "ecc.errors.uncorrected.volatile.sram.secded", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_volatile_sram_secded"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_parity,
               "ecc.errors.uncorrected.aggregate.sram.parity", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_parity"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_secded,
               "ecc.errors.uncorrected.aggregate.sram.secded", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_secded"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_threshold_exceeded,
               "ecc.errors.uncorrected.aggregate.sram.thresholdExceeded", value_kind::flag)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_threshold_exceeded"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_l2,
               "ecc.errors.uncorrected.aggregate.sram.l2", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_l2"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_sm,
               "ecc.errors.uncorrected.aggregate.sram.sm", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_sm"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_mcu,
               "ecc.errors.uncorrected.aggregate.sram.mcu", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_mcu"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_pcie,
               "ecc.errors.uncorrected.aggregate.sram.pcie", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_pcie"),
    if_offered(gpu_field::ecc_errors_uncorrected_aggregate_sram_other,
               "ecc.errors.uncorrected.aggregate.sram.other", value_kind::integer)
        .nvidia_smi("nvidia_smi_ecc_errors_uncorrected_aggregate_sram_other"),
});

}  // namespace smistat::parsers::catalogue_rows
