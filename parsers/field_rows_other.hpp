#pragma once
// The field catalogue's last rows: the recovery action and the fabric state (R550 on, so
// asked only where offered), then fields known only for their kind: no renderer reads them,
// but the recorded machines hold them, and their parsed goldens read each with its kind.

#include <array>

#include "parsers/field_row_builder.hpp"

namespace smistat::parsers::catalogue_rows {

inline constexpr auto other_rows = std::to_array<field_row>({
    if_offered(gpu_field::gpu_recovery_action, "gpu_recovery_action", value_kind::text),
    if_offered(gpu_field::fabric_state, "fabric.state", value_kind::text),
    known(gpu_field::clocks_event_reasons_supported, "clocks_event_reasons.supported",
          value_kind::hex)
        .alias("clocks_throttle_reasons.supported"),
    known(gpu_field::pci_domain, "pci.domain", value_kind::hex),
    known(gpu_field::pci_bus, "pci.bus", value_kind::hex),
    known(gpu_field::pci_device, "pci.device", value_kind::hex),
    known(gpu_field::pci_device_id, "pci.device_id", value_kind::hex),
    known(gpu_field::pci_sub_device_id, "pci.sub_device_id", value_kind::hex),
    known(gpu_field::pci_base_class, "pci.baseClass", value_kind::hex),
    known(gpu_field::pci_sub_class, "pci.subClass", value_kind::hex),
    known(gpu_field::platform_gpu_fabric_guid, "platform.gpu_fabric_guid", value_kind::hex),
    known(gpu_field::accounting_mode, "accounting.mode", value_kind::flag),
    known(gpu_field::display_mode, "display_mode", value_kind::flag),
    known(gpu_field::display_active, "display_active", value_kind::flag),
    known(gpu_field::display_attached, "display_attached", value_kind::flag),
    known(gpu_field::power_management, "power.management", value_kind::flag),
    known(gpu_field::ecc_mode_pending, "ecc.mode.pending", value_kind::flag),
    known(gpu_field::mig_mode_pending, "mig.mode.pending", value_kind::flag),
    known(gpu_field::gsp_mode_current, "gsp.mode.current", value_kind::flag),
    known(gpu_field::gsp_mode_default, "gsp.mode.default", value_kind::flag),
    known(gpu_field::count, "count", value_kind::integer),
    known(gpu_field::temperature_gpu_tlimit, "temperature.gpu.tlimit", value_kind::integer),
    known(gpu_field::accounting_buffer_size, "accounting.buffer_size", value_kind::integer),
    known(gpu_field::encoder_stats_session_count, "encoder.stats.sessionCount",
          value_kind::integer),
    known(gpu_field::encoder_stats_average_fps, "encoder.stats.averageFps", value_kind::integer),
    known(gpu_field::encoder_stats_average_latency, "encoder.stats.averageLatency",
          value_kind::integer),
    known(gpu_field::fabric_clique_id, "fabric.cliqueId", value_kind::integer),
    known(gpu_field::timestamp, "timestamp", value_kind::timestamp),
});

}  // namespace smistat::parsers::catalogue_rows
