// Kernel log lines that may carry XID reports, as read from /dev/kmsg, a FIFO or journalctl.
// Promises: the line buffer joins lines the same however the bytes are split; every report's
// address is in nvidia-smi's form and reads back as itself; its number is one to four digits;
// pid is not negative; name and message are one line each.
#include <string>
#include <vector>

#include "fuzz/check.hpp"
#include "fuzz/entries.hpp"
#include "parsers/line_buffer.hpp"
#include "parsers/xid_line.hpp"

namespace smistat::fuzz {
namespace {

std::vector<std::string> lines_of(std::string_view input, std::size_t piece) {
  parsers::line_buffer buffer(256);
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < input.size(); at += piece)
    for (auto& l : buffer.feed(input.substr(at, piece))) lines.push_back(std::move(l));
  lines.push_back(buffer.finish());
  return lines;
}

void check_report(const parsers::xid_line& x) {
  expect(x.bus_id.size() == 16 && parsers::normalise_bus_id(x.bus_id) == x.bus_id,
         "the address is in nvidia-smi's form", x.bus_id);
  expect(x.xid >= 0 && x.xid <= 9999, "the XID has one to four digits");
  expect(!x.pid || *x.pid >= 0, "a pid is not negative");
  expect(x.message.find('\n') == std::string::npos, "the message is one line", x.message);
  expect(!x.process_name || x.process_name->find('\n') == std::string::npos,
         "the name is one line");
}

}  // namespace

void xid_line(std::string_view input) {
  const auto whole = lines_of(input, input.size() + 1);
  for (const std::size_t piece : {1u, 7u, 64u})
    expect(lines_of(input, piece) == whole, "splitting the bytes changes no line");
  for (const auto& line : whole)
    if (const auto x = parsers::parse_xid_line(line)) check_report(*x);
}

}  // namespace smistat::fuzz
