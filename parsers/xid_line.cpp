#include "parsers/xid_line.hpp"

#include <charconv>
#include <string>
#include <vector>

namespace smistat::parsers {
namespace {

constexpr std::string_view xid_head = "NVRM: Xid (";

std::string_view trim(std::string_view s) {
  constexpr std::string_view blanks = " \t\r\n";
  const auto first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

/** A hex number of 1 to `max_digits` digits and nothing else. */
std::optional<unsigned long> hex_number(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  unsigned long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

/** Appends `value`'s lowest `digits` hex digits, upper case and zero-padded. */
void append_hex(std::string& out, unsigned long value, int digits) {
  constexpr std::string_view hex = "0123456789ABCDEF";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xF];
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

/** `key=value` at the start of `rest`, the value running to the next ", "; `rest` moves past
 *  it. nullopt (and `rest` unchanged) when `rest` does not start with `key=`. */
std::optional<std::string_view> take_field(std::string_view& rest, std::string_view key) {
  if (!rest.starts_with(key) || rest.substr(key.size()).substr(0, 1) != "=") return std::nullopt;
  const auto value = rest.substr(key.size() + 1);
  const auto end = value.find(", ");
  rest = end == std::string_view::npos ? std::string_view{} : value.substr(end + 2);
  return trim(value.substr(0, end));
}

/** `1234` or `'1234'`; nullopt for `'<unknown>'` and anything else that is no pid. */
std::optional<std::int64_t> pid_value(std::string_view v) {
  if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') v = v.substr(1, v.size() - 2);
  std::int64_t pid = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), pid);
  if (v.empty() || ec != std::errc{} || end != v.data() + v.size() || pid < 0) return std::nullopt;
  return pid;
}

std::optional<std::string> name_value(std::string_view v) {
  if (v.empty() || v == "<unknown>" || v == "'<unknown>'") return std::nullopt;
  return std::string(v);
}

}  // namespace

std::optional<std::string> normalise_bus_id(std::string_view text) {
  const auto parts = split(trim(text), ':');
  if (parts.size() != 2 && parts.size() != 3) return std::nullopt;
  const auto domain = parts.size() == 3 ? hex_number(parts[0], 8) : 0ul;
  const auto bus = hex_number(parts[parts.size() - 2], 2);
  const auto slot = split(parts.back(), '.');
  if (slot.size() > 2) return std::nullopt;
  const auto device = hex_number(slot[0], 2);
  const auto function = slot.size() == 2 ? hex_number(slot[1], 1) : 0ul;
  if (!domain || !bus || !device || !function || *function > 7) return std::nullopt;
  // `%08lX:%02lX:%02lX.%lX` without printf, which this does with every GPU sample; hex_number
  // has checked that each part fits its width.
  std::string out;
  out.reserve(16);
  append_hex(out, *domain, 8);
  out += ':';
  append_hex(out, *bus, 2);
  out += ':';
  append_hex(out, *device, 2);
  out += '.';
  append_hex(out, *function, 1);
  return out;
}

std::optional<xid_line> parse_xid_line(std::string_view line) {
  const auto head = line.find(xid_head);
  if (head == std::string_view::npos) return std::nullopt;
  auto rest = line.substr(head + xid_head.size());
  const auto close = rest.find("): ");
  if (close == std::string_view::npos) return std::nullopt;
  auto address = rest.substr(0, close);
  if (address.starts_with("PCI:")) address.remove_prefix(4);
  auto bus_id = normalise_bus_id(address);
  if (!bus_id) return std::nullopt;
  rest = rest.substr(close + 3);
  // The number is always followed by ", " and a description; a line cut before that is not one.
  int xid = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), xid);
  const auto digits = static_cast<std::size_t>(end - rest.data());
  if (ec != std::errc{} || digits == 0 || digits > 4 || rest[0] == '-' ||
      rest.substr(digits, 2) != ", ")
    return std::nullopt;
  rest = rest.substr(digits + 2);
  xid_line out;
  out.bus_id = std::move(*bus_id);
  out.xid = xid;
  if (const auto pid = take_field(rest, "pid")) {
    out.pid = pid_value(*pid);
    if (const auto name = take_field(rest, "name")) out.process_name = name_value(*name);
  }
  out.message = std::string(trim(rest));
  return out;
}

}  // namespace smistat::parsers
