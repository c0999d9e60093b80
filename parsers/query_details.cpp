#include "parsers/query_details.hpp"

#include <cmath>
#include <limits>

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

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

std::optional<int> whole_number(std::string_view value) {
  const auto v = to_number(make_cell(value));
  // Checked as a double first: converting one outside int's range is undefined behaviour.
  if (!v || *v < 0 || *v > std::numeric_limits<int>::max() || *v != std::floor(*v))
    return std::nullopt;
  return static_cast<int>(*v);
}

// Only the first occurrence counts: MIG device blocks nest lines with the same keys.
void apply(gpu_details& gpu, const key_value& kv, bool& tx_seen, bool& rx_seen) {
  if (kv.key == "GPU UUID" && gpu.uuid.empty()) {
    gpu.uuid = std::string(kv.value);
  } else if (kv.key == "Minor Number" && !gpu.minor_number) {
    gpu.minor_number = whole_number(kv.value);
  } else if (kv.key == "Tx Throughput" && !tx_seen) {
    tx_seen = true;
    gpu.tx_throughput_kb_per_sec = throughput(kv.value);
  } else if (kv.key == "Rx Throughput" && !rx_seen) {
    rx_seen = true;
    gpu.rx_throughput_kb_per_sec = throughput(kv.value);
  }
}

// Memory sizes in MiB only; any other shape is unknown rather than guessed.
std::optional<double> mebibytes(std::string_view value) {
  const cell c = make_cell(value);
  const auto v = to_number(c);
  if (!v || *v < 0 || unit_of(c) != "MiB") return std::nullopt;
  return v;
}

// Inside a MIG block `Total` and `Used` also appear under `Shared BAR1 Memory`: only the lines
// under the framebuffer heading (`Shared FB Memory Usage`, older drivers `FB Memory Usage`) count.
void apply_mig(mig_device_details& mig, std::string_view heading, const key_value& kv) {
  const bool framebuffer = heading.ends_with("FB Memory Usage");
  if (kv.key == "Index") {
    mig.index = whole_number(kv.value);
  } else if (kv.key == "GPU Instance ID") {
    mig.gpu_instance = whole_number(kv.value);
  } else if (kv.key == "Compute Instance ID") {
    mig.compute_instance = whole_number(kv.value);
  } else if (framebuffer && kv.key == "Total") {
    mig.fb_total_mib = mebibytes(kv.value);
  } else if (framebuffer && kv.key == "Used") {
    mig.fb_used_mib = mebibytes(kv.value);
  }
}

// Calls `visit(line, indent)` with each line holding more than blanks (` `, tab, `\r`), without
// its `\n` nor a `\r`, and how many blanks (` `, tab) it starts with: the lines split_lines gives,
// without building their list. Plain loops: a `-q` document has thousands of lines, most padded
// with dozens of blanks, and a search through a set of blanks costs a call per character.
template <class Visit>
void for_each_line(std::string_view text, Visit&& visit) {
  while (!text.empty()) {
    const auto newline = text.find('\n');
    auto line = text.substr(0, newline);
    std::size_t indent = 0;
    while (indent < line.size() && is_blank(line[indent])) ++indent;
    std::size_t first = indent;
    while (first < line.size() && (is_blank(line[first]) || line[first] == '\r')) ++first;
    if (first < line.size()) {
      if (line.back() == '\r') line.remove_suffix(1);
      visit(line, indent);
    }
    if (newline == std::string_view::npos) return;
    text.remove_prefix(newline + 1);
  }
}

// Outside MIG blocks only `GPU UUID`, `Minor Number`, `MIG Device` and the two throughputs
// count: their first letters let the hundreds of other lines of a section pass unread.
bool may_matter_outside_mig(char first) noexcept {
  switch (first) {
    case 'G':
    case 'M':
    case 'T':
    case 'R': return true;
    default: return false;
  }
}

}  // namespace

// `GPU 00000000:00:09.0` opens a section. It is the only unindented line starting with `GPU `
// that is not a `key : value` line (`GPU UUID` and friends are indented inside the section).
// The id is a PCI bus id (hex domain:bus:device.function); anything else is not a heading, so a
// stray quote or control byte can never become a bus id that is matched against the GPU list.
std::optional<std::string_view> details_section_heading(std::string_view line) noexcept {
  constexpr std::string_view prefix = "GPU ";
  constexpr std::string_view bus_id_chars = "0123456789abcdefABCDEF:.";
  if (!line.starts_with(prefix) || line.find(" : ") != std::string_view::npos) return {};
  const std::string_view id = trim(line.substr(prefix.size()));
  if (id.empty() || id.find_first_not_of(bus_id_chars) != std::string_view::npos) return {};
  return id;
}

std::vector<gpu_details> parse_query_details(std::string_view text) {
  std::vector<gpu_details> out;
  bool tx_seen = false, rx_seen = false;
  // A `MIG Device` block lasts while lines are indented deeper than its heading.
  std::optional<std::size_t> mig_indent;
  std::string_view mig_heading;
  for_each_line(text, [&](std::string_view raw, std::size_t indent) {
    if (indent == 0) {
      mig_indent.reset();
      if (const auto id = details_section_heading(trim(raw))) {
        out.push_back(gpu_details{std::string(*id), {}, std::nullopt, std::nullopt, {}});
        tx_seen = rx_seen = false;
      }
      return;  // top-level lines (driver version, timestamp) belong to no GPU
    }
    if (out.empty()) return;
    if (mig_indent && indent <= *mig_indent) mig_indent.reset();
    if (!mig_indent && !may_matter_outside_mig(raw[indent])) return;
    const std::string_view line = trim(raw);
    if (line == "MIG Device") {
      out.back().mig_devices.emplace_back();
      mig_indent = indent;
      mig_heading = {};
      return;
    }
    const auto kv = split_key_value(line);
    if (mig_indent) {
      if (kv)
        apply_mig(out.back().mig_devices.back(), mig_heading, *kv);
      else
        mig_heading = line;
    } else if (kv) {
      apply(out.back(), *kv, tx_seen, rx_seen);
    }
  });
  return out;
}

}  // namespace smistat::parsers
