#pragma once
// `nvidia-smi -q` (the human-readable full query): the few values no --query-gpu field gives,
// per GPU section (`GPU 00000000:00:09.0`): PCIe Tx/Rx throughput, the device node's minor
// number, and on MIG GPUs each MIG
// device's GPU and compute instance IDs and framebuffer memory (`-L` names neither).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/cell.hpp"

namespace smistat::parsers {

/** One `MIG Device` block of a GPU section. */
struct mig_device_details {
  std::optional<int> index;             ///< `Index`: -L's MIG device number
  std::optional<int> gpu_instance;      ///< `GPU Instance ID`
  std::optional<int> compute_instance;  ///< `Compute Instance ID`
  std::optional<double> fb_total_mib;   ///< `Shared FB Memory Usage` (or `FB Memory Usage`) Total
  std::optional<double> fb_used_mib;    ///< its Used
  friend bool operator==(const mig_device_details&, const mig_device_details&) = default;
};

struct gpu_details {
  std::string bus_id;  ///< from the section heading, as printed (`00000000:00:09.0`)
  std::string uuid;    ///< `GPU UUID` line (`GPU-...`)
  std::optional<double> tx_throughput_kb_per_sec;  ///< `Tx Throughput : 1234 KB/s`; nullopt for N/A
  std::optional<double> rx_throughput_kb_per_sec;
  std::vector<mig_device_details> mig_devices;  ///< in output order; empty without MIG
  /** `Minor Number`: N of the GPU's device node /dev/nvidiaN, which Kubernetes device plugins
   *  may name it by; nullopt where the driver prints N/A (Windows). */
  std::optional<int> minor_number = std::nullopt;
  friend bool operator==(const gpu_details&, const gpu_details&) = default;
};

/** One entry per `GPU <bus id>` section, in output order; unknown text yields no entries. */
std::vector<gpu_details> parse_query_details(std::string_view text);

/** The bus id of a line that opens a GPU section (`GPU 00000000:00:09.0`, unindented);
 *  nullopt for every other line. */
std::optional<std::string_view> details_section_heading(std::string_view line) noexcept;

}  // namespace smistat::parsers
