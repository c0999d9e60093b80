#include "parsers/query_details.hpp"

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// `GPU 00000000:00:09.0` opens a section. It is the only unindented line starting with `GPU `
// that is not a `key : value` line (`GPU UUID` and friends are indented inside the section).
// The id is a PCI bus id (hex domain:bus:device.function); anything else is not a heading, so a
// stray quote or control byte can never become a bus id that is matched against the GPU list.
std::optional<std::string_view> section_heading(std::string_view line) noexcept {
  constexpr std::string_view prefix = "GPU ";
  constexpr std::string_view bus_id_chars = "0123456789abcdefABCDEF:.";
  if (!line.starts_with(prefix) || line.find(" : ") != std::string_view::npos) return {};
  const std::string_view id = trim(line.substr(prefix.size()));
  if (id.empty() || id.find_first_not_of(bus_id_chars) != std::string_view::npos) return {};
  return id;
}

struct key_value {
  std::string_view key;
  std::string_view value;
};

// Keys are padded with blanks up to a `:` column; values may hold colons (bus ids, times).
std::optional<key_value> split_key_value(std::string_view line) noexcept {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_blank(line[colon - 1])) return {};
  return key_value{trim(line.substr(0, colon)), trim(line.substr(colon + 1))};
}

// nvidia-smi prints throughput in KB/s only; any other shape is unknown rather than guessed.
std::optional<double> throughput(std::string_view value) {
  const cell c = make_cell(value);
  const auto v = to_number(c);
  if (!v || *v < 0) return std::nullopt;
  const std::string_view unit = unit_of(c);
  if (!unit.empty() && unit != "KB/s") return std::nullopt;
  return v;
}

// Only the first occurrence counts: MIG device blocks nest lines with the same keys.
void apply(gpu_details& gpu, const key_value& kv, bool& tx_seen, bool& rx_seen) {
  if (kv.key == "GPU UUID" && gpu.uuid.empty()) {
    gpu.uuid = std::string(kv.value);
  } else if (kv.key == "Tx Throughput" && !tx_seen) {
    tx_seen = true;
    gpu.tx_throughput_kb_per_sec = throughput(kv.value);
  } else if (kv.key == "Rx Throughput" && !rx_seen) {
    rx_seen = true;
    gpu.rx_throughput_kb_per_sec = throughput(kv.value);
  }
}

}  // namespace

std::vector<gpu_details> parse_query_details(std::string_view text) {
  std::vector<gpu_details> out;
  bool tx_seen = false, rx_seen = false;
  for (const std::string_view raw : split_lines(text)) {
    const std::string_view line = trim(raw);
    const bool indented = is_blank(raw.front());
    if (!indented) {
      if (const auto id = section_heading(line)) {
        out.push_back(gpu_details{std::string(*id), {}, std::nullopt, std::nullopt});
        tx_seen = rx_seen = false;
      }
      continue;  // top-level lines (driver version, timestamp) belong to no GPU
    }
    if (out.empty()) continue;
    if (const auto kv = split_key_value(line)) apply(out.back(), *kv, tx_seen, rx_seen);
  }
  return out;
}

}  // namespace smistat::parsers
