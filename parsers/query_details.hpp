#pragma once
// `nvidia-smi -q` (the human-readable full query): the few values no --query-gpu field gives,
// per GPU section (`GPU 00000000:00:09.0`). Today: PCIe Tx/Rx throughput.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/cell.hpp"

namespace smistat::parsers {

struct gpu_details {
  std::string bus_id;  ///< from the section heading, as printed (`00000000:00:09.0`)
  std::string uuid;    ///< `GPU UUID` line (`GPU-...`)
  std::optional<double> tx_throughput_kb_per_sec;  ///< `Tx Throughput : 1234 KB/s`; nullopt for N/A
  std::optional<double> rx_throughput_kb_per_sec;
  friend bool operator==(const gpu_details&, const gpu_details&) = default;
};

/** One entry per `GPU <bus id>` section, in output order; unknown text yields no entries. */
std::vector<gpu_details> parse_query_details(std::string_view text);

}  // namespace smistat::parsers
