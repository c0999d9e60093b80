#pragma once
// XID errors read from the kernel log since start, as the renderers see them: counts per PCI
// address and XID, the last XID of each address, and the most recent reports. Kept by address,
// not by GPU: the renderers match an address to a GPU with the snapshot they render, and an
// address no GPU has is still counted (a GPU that fell off the bus is gone from nvidia-smi).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>

#include "parsers/xid_line.hpp"
#include "src/collect/snapshot.hpp"

namespace smistat::collect {

/** One XID report and when smistat read it (the kernel's own timestamp is relative to boot). */
struct xid_event {
  parsers::xid_line line;
  wall_clock::time_point read_at;
  bool operator==(const xid_event&) const = default;
};

/** Whether the kernel log is being read. */
enum class xid_source_state {
  off,          ///< `--xid.source none`
  starting,     ///< not opened yet
  reading,      ///< open; every XID from now on is counted
  unavailable,  ///< cannot be opened (permission, missing); `error` says why
  ended,        ///< was read and ended (journalctl exited); restarted after a pause
};

/** The text /health shows for a state. */
constexpr const char* xid_state_name(xid_source_state s) noexcept {
  switch (s) {
    case xid_source_state::off: return "off";
    case xid_source_state::starting: return "starting";
    case xid_source_state::reading: return "reading";
    case xid_source_state::unavailable: return "unavailable";
    case xid_source_state::ended: return "ended";
  }
  return "unknown";
}

/** A GPU as nvidia-smi reported it at some address since start. */
struct xid_gpu {
  std::string index;
  std::string uuid;
  bool operator==(const xid_gpu&) const = default;
};

struct xid_report {
  /** The most recent reports kept for /health. */
  static constexpr std::size_t max_recent = 32;

  std::string source;  ///< `/dev/kmsg`, a path, `journald`, or `none`
  xid_source_state state = xid_source_state::off;
  std::string error;  ///< why the source is unavailable or ended; empty otherwise
  /** Reports counted per (bus id, XID) since start (at most 1024 pairs; xid_log.cpp). */
  std::map<std::pair<std::string, int>, std::uint64_t> counts;
  /** The last report per bus id. */
  std::map<std::string, xid_event> last;
  /** The newest reports, oldest first, at most max_recent. */
  std::deque<xid_event> recent;
  std::uint64_t events_total = 0;  ///< every XID report read since start
  /** Every GPU seen at each address since start (nvidia-smi's bus id form): a GPU that fell
   *  off the bus is gone from the sample, and its XIDs keep its labels. */
  std::map<std::string, xid_gpu> known_gpus;
  bool operator==(const xid_report&) const = default;
};

}  // namespace smistat::collect
