#pragma once
// The field catalogue's first rows, in query order (`index` first): identity, memory,
// utilisation, temperatures, power, clocks, PCIe link, clock-event reasons and modes. Only the
// clock-event reasons were renamed so far (R535: clocks_throttle_reasons.* ->
// clocks_event_reasons.*). DCGM names, types and HELP texts are those of NVIDIA/dcgm-exporter
// etc/default-counters.csv and etc/dcp-metrics-included.csv (FB_RESERVED, RETIRED_*); the
// families those files leave out (FB_TOTAL, FAN_SPEED, PSTATE, the power limits,
// CLOCKS_EVENT_REASONS, PCIE_LINK_*, ECC totals) carry dcgm-exporter's documented custom-counter
// HELP or DCGM's dcgm_fields.h description. Units already agree with nvidia-smi's: MHz, C, W, %,
// MiB. `.dcgm`'s first number keeps dcgm-exporter's order of the families in /metrics.

#include <array>

#include "parsers/field_row_builder.hpp"

namespace smistat::parsers::catalogue_rows {

inline constexpr auto gpu_rows = std::to_array<field_row>({
    always(gpu_field::index, "index", value_kind::integer).nvidia_smi("nvidia_smi_index"),
    always(gpu_field::uuid, "uuid", value_kind::text),
    always(gpu_field::name, "name", value_kind::text),
    always(gpu_field::pci_bus_id, "pci.bus_id", value_kind::text),
    always(gpu_field::serial, "serial", value_kind::text),
    always(gpu_field::vbios_version, "vbios_version", value_kind::text),
    always(gpu_field::driver_version, "driver_version", value_kind::text),
    always(gpu_field::compute_cap, "compute_cap", value_kind::text)
        .nvidia_smi("nvidia_smi_compute_cap"),
    always(gpu_field::pstate, "pstate", value_kind::pstate)
        .nvidia_smi("nvidia_smi_pstate")
        .dcgm(14, "DCGM_FI_DEV_PSTATE", gauge, "Performance state (P-State) 0-15. 0=highest"),
    always(gpu_field::fan_speed, "fan.speed", value_kind::number, "%")
        .nvidia_smi("nvidia_smi_fan_speed_ratio")
        .dcgm(13, "DCGM_FI_DEV_FAN_SPEED", gauge, "Fan speed for the device in percent 0-100."),
    always(gpu_field::memory_total, "memory.total", value_kind::number, "MiB")
        .nvidia_smi("nvidia_smi_memory_total_bytes")
        .dcgm(12, "DCGM_FI_DEV_FB_TOTAL", gauge, "Total framebuffer memory (in MiB)."),
    always(gpu_field::memory_used, "memory.used", value_kind::number, "MiB")
        .nvidia_smi("nvidia_smi_memory_used_bytes")
        .dcgm(10, "DCGM_FI_DEV_FB_USED", gauge, "Framebuffer memory used (in MiB)."),
    always(gpu_field::memory_free, "memory.free", value_kind::number, "MiB")
        .nvidia_smi("nvidia_smi_memory_free_bytes")
        .dcgm(9, "DCGM_FI_DEV_FB_FREE", gauge, "Framebuffer memory free (in MiB)."),
    always(gpu_field::memory_reserved, "memory.reserved", value_kind::number, "MiB")
        .nvidia_smi("nvidia_smi_memory_reserved_bytes")
        .dcgm(11, "DCGM_FI_DEV_FB_RESERVED", gauge, "Framebuffer memory reserved (in MiB)."),
    always(gpu_field::utilization_gpu, "utilization.gpu", value_kind::number, "%")
        .nvidia_smi("nvidia_smi_utilization_gpu_ratio")
        .dcgm(5, "DCGM_FI_DEV_GPU_UTIL", gauge, "GPU utilization (in %)."),
    always(gpu_field::utilization_memory, "utilization.memory", value_kind::number, "%")
        .nvidia_smi("nvidia_smi_utilization_memory_ratio")
        .dcgm(6, "DCGM_FI_DEV_MEM_COPY_UTIL", gauge, "Memory utilization (in %)."),
    always(gpu_field::utilization_encoder, "utilization.encoder", value_kind::number, "%")
        .nvidia_smi("nvidia_smi_utilization_encoder_ratio")
        .dcgm(7, "DCGM_FI_DEV_ENC_UTIL", gauge, "Encoder utilization (in %)."),
    always(gpu_field::utilization_decoder, "utilization.decoder", value_kind::number, "%")
        .nvidia_smi("nvidia_smi_utilization_decoder_ratio")
        .dcgm(8, "DCGM_FI_DEV_DEC_UTIL", gauge, "Decoder utilization (in %)."),
    always(gpu_field::temperature_gpu, "temperature.gpu", value_kind::integer)
        .nvidia_smi("nvidia_smi_temperature_gpu")
        .dcgm(3, "DCGM_FI_DEV_GPU_TEMP", gauge, "GPU temperature (in C)."),
    always(gpu_field::temperature_memory, "temperature.memory", value_kind::integer)
        .nvidia_smi("nvidia_smi_temperature_memory")
        .dcgm(2, "DCGM_FI_DEV_MEMORY_TEMP", gauge, "Memory temperature (in C)."),
    always(gpu_field::power_draw, "power.draw", value_kind::number, "W")
        .nvidia_smi("nvidia_smi_power_draw_watts")
        .dcgm(4, "DCGM_FI_DEV_POWER_USAGE", gauge, "Power draw (in W)."),
    always(gpu_field::power_limit, "power.limit", value_kind::number, "W")
        .nvidia_smi("nvidia_smi_power_limit_watts")
        .dcgm(15, "DCGM_FI_DEV_POWER_MGMT_LIMIT", gauge, "Current power limit for the device."),
    always(gpu_field::enforced_power_limit, "enforced.power.limit", value_kind::number, "W")
        .nvidia_smi("nvidia_smi_enforced_power_limit_watts")
        .dcgm(16, "DCGM_FI_DEV_ENFORCED_POWER_LIMIT", gauge,
              "Effective power limit that the driver enforces after taking into account all "
              "limiters (in W)."),
    always(gpu_field::power_default_limit, "power.default_limit", value_kind::number, "W")
        .nvidia_smi("nvidia_smi_power_default_limit_watts"),
    always(gpu_field::power_max_limit, "power.max_limit", value_kind::number, "W")
        .nvidia_smi("nvidia_smi_power_max_limit_watts"),
    always(gpu_field::clocks_current_graphics, "clocks.current.graphics", value_kind::number, "MHz")
        .nvidia_smi("nvidia_smi_clocks_current_graphics_clock_hz"),
    always(gpu_field::clocks_current_sm, "clocks.current.sm", value_kind::number, "MHz")
        .nvidia_smi("nvidia_smi_clocks_current_sm_clock_hz")
        .dcgm(0, "DCGM_FI_DEV_SM_CLOCK", gauge, "SM clock frequency (in MHz)."),
    always(gpu_field::clocks_current_memory, "clocks.current.memory", value_kind::number, "MHz")
        .nvidia_smi("nvidia_smi_clocks_current_memory_clock_hz")
        .dcgm(1, "DCGM_FI_DEV_MEM_CLOCK", gauge, "Memory clock frequency (in MHz)."),
    always(gpu_field::clocks_current_video, "clocks.current.video", value_kind::number, "MHz")
        .nvidia_smi("nvidia_smi_clocks_current_video_clock_hz"),
    always(gpu_field::clocks_max_graphics, "clocks.max.graphics", value_kind::number, "MHz")
        .nvidia_smi("nvidia_smi_clocks_max_graphics_clock_hz"),
    always(gpu_field::clocks_max_sm, "clocks.max.sm", value_kind::number, "MHz")
        .nvidia_smi("nvidia_smi_clocks_max_sm_clock_hz"),
    always(gpu_field::clocks_max_memory, "clocks.max.memory", value_kind::number, "MHz")
        .nvidia_smi("nvidia_smi_clocks_max_memory_clock_hz"),
    always(gpu_field::pcie_link_gen_current, "pcie.link.gen.current", value_kind::integer)
        .nvidia_smi("nvidia_smi_pcie_link_gen_current")
        .dcgm(19, "DCGM_FI_DEV_PCIE_LINK_GEN", gauge, "PCIe current link generation."),
    always(gpu_field::pcie_link_gen_max, "pcie.link.gen.max", value_kind::integer)
        .nvidia_smi("nvidia_smi_pcie_link_gen_max"),
    always(gpu_field::pcie_link_width_current, "pcie.link.width.current", value_kind::integer)
        .nvidia_smi("nvidia_smi_pcie_link_width_current")
        .dcgm(20, "DCGM_FI_DEV_PCIE_LINK_WIDTH", gauge, "PCIe current link width."),
    always(gpu_field::pcie_link_width_max, "pcie.link.width.max", value_kind::integer)
        .nvidia_smi("nvidia_smi_pcie_link_width_max"),
    always(gpu_field::clocks_event_reasons_active, "clocks_event_reasons.active", value_kind::hex)
        .alias("clocks_throttle_reasons.active")
        .nvidia_smi("nvidia_smi_clocks_event_reasons_active")
        .dcgm(17, "DCGM_FI_DEV_CLOCKS_EVENT_REASONS", gauge,
              "Current clock event reasons (bitmask of DCGM_CLOCKS_EVENT_REASON_*)")
        // The same bitmask under the field's older DCGM name, which dashboards and alert rules
        // written for older dcgm-exporters still query.
        .dcgm(18, "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", gauge,
              "Current clock throttle reasons (bitmask of DCGM_CLOCKS_THROTTLE_REASON_*)"),
    always(gpu_field::compute_mode, "compute_mode", value_kind::text)
        .nvidia_smi("nvidia_smi_compute_mode"),
    always(gpu_field::persistence_mode, "persistence_mode", value_kind::flag)
        .nvidia_smi("nvidia_smi_persistence_mode"),
    always(gpu_field::mig_mode_current, "mig.mode.current", value_kind::flag)
        .nvidia_smi("nvidia_smi_mig_mode_current"),
});

}  // namespace smistat::parsers::catalogue_rows
