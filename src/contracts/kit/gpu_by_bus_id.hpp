#pragma once
// Which GPU sits at a PCI address: how a kernel log line (which names only the address) is
// matched to the GPU nvidia-smi reports there.

#include <optional>
#include <string>
#include <string_view>

#include "parsers/query_csv.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/xid_report.hpp"

namespace smistat::render {

struct gpu_identity {
  std::string index;  ///< nvidia-smi's index, as text
  std::string uuid;   ///< empty when unknown
};

/** The GPU of `t` whose `pci.bus_id` is `bus_id` (both compared in nvidia-smi's form, see
 *  parsers::normalise_bus_id); nullopt when no row with an index has it. */
std::optional<gpu_identity> gpu_by_bus_id(const parsers::query_table& t, std::string_view bus_id);

/** The GPU an XID report at `bus_id` belongs to: the sample's GPU at that address, else the GPU
 *  last seen there since start (one that fell off the bus); nullopt when none ever was. */
std::optional<gpu_identity> gpu_for_xid(const collect::snapshot& s,
                                        const collect::xid_report& report, std::string_view bus_id);

}  // namespace smistat::render
