#pragma once
// An NVIDIA driver's XID report in the kernel log: `NVRM: Xid (PCI:0000:3b:00): 79, pid=1234,
// name=python3, GPU has fallen off the bus.` Every driver generation writes the same head
// (`NVRM: Xid (<bus>): <number>,`); what follows changed over time: no pid at all (older drivers),
// `pid=N` alone, `pid=N, name=X`, or `pid='<unknown>', name=<unknown>`. Whatever comes before
// `NVRM:` (a /dev/kmsg record's `6,1234,5678901,-;`, dmesg's `[12345.678]`, syslog's
// `Dec  6 04:31:01 host kernel:`) is not read.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smistat::parsers {

struct xid_line {
  std::string bus_id;  ///< nvidia-smi's `pci.bus_id` form: `00000000:3B:00.0`
  int xid = 0;
  std::optional<std::int64_t> pid;          ///< absent in older drivers' lines, or `<unknown>`
  std::optional<std::string> process_name;  ///< absent, or `<unknown>`
  std::string message;                      ///< the text after the number, pid and name
  friend bool operator==(const xid_line&, const xid_line&) = default;
};

/** The XID report in `line`; nullopt for any other line, a cut-off one or garbage. */
std::optional<xid_line> parse_xid_line(std::string_view line);

/** A PCI address as nvidia-smi writes it (`00000000:3B:00.0`: domain of 8 hex digits, upper
 *  case, function 0 when not given) from the kernel's `0000:3b:00`, `0000:3b:00.1`, nvidia-smi's
 *  own form or `3b:00.0`; nullopt when `text` is no PCI address. */
std::optional<std::string> normalise_bus_id(std::string_view text);

}  // namespace smistat::parsers
