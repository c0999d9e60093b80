#include "src/contracts/gpu_statistics/visible_devices.hpp"

#include <algorithm>
#include <limits>

#include "src/common/text.hpp"

namespace smistat::render {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool is_separator(char c) noexcept { return c == ',' || common::is_python_space(c); }

// Splits on runs of `,` and whitespace, dropping empty parts (re.split + filter).
std::vector<std::string_view> split_parts(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_separator(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_separator(s[i])) ++i;
    if (i > start) parts.push_back(s.substr(start, i - start));
  }
  return parts;
}

bool contains(std::span<const std::int64_t> ids, std::int64_t id) noexcept {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

std::optional<std::int64_t> parse_python_int(std::string_view token) noexcept {
  std::string_view s = common::python_strip(token);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || !is_digit(s.front()) || !is_digit(s.back())) return std::nullopt;
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      // A single underscore between two digits (PEP 515), nothing else.
      if (!is_digit(s[i + 1])) return std::nullopt;
      continue;
    }
    if (!is_digit(s[i])) return std::nullopt;
    const int digit = s[i] - '0';
    if (value > (max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

std::optional<std::vector<std::int64_t>> parse_visible_devices(
    const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  const std::string_view stripped = common::python_strip(*value);
  if (stripped.empty()) return std::vector<std::int64_t>{};
  std::vector<std::int64_t> ids;
  for (const std::string_view part : split_parts(stripped)) {
    const auto id = parse_python_int(part);
    if (id && *id >= 0) ids.push_back(*id);
  }
  if (ids.empty()) return std::nullopt;  // nothing usable: fall back to every GPU
  return ids;
}

std::string python_list(std::span<const std::int64_t> ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(ids[i]);
  }
  out += ']';
  return out;
}

visible_selection select_visible(std::span<const std::int64_t> system_ids,
                                 std::span<const std::int64_t> wanted) {
  visible_selection sel;
  for (std::size_t i = 0; i < system_ids.size(); ++i)
    if (contains(wanted, system_ids[i])) sel.kept.push_back(i);
  std::vector<std::int64_t> missing, valid;
  for (const std::int64_t id : wanted) (contains(system_ids, id) ? valid : missing).push_back(id);
  if (missing.empty()) return sel;
  using log::level;
  if (missing.size() == 1)
    sel.notes.push_back({level::warning, "GPU " + std::to_string(missing.front()) +
                                             " specified in CUDA_VISIBLE_DEVICES does not exist "
                                             "on this system"});
  else
    sel.notes.push_back({level::warning, "GPUs " + python_list(missing) +
                                             " specified in CUDA_VISIBLE_DEVICES do not exist on "
                                             "this system"});
  sel.notes.push_back({level::info, "Available GPU IDs on system: " + python_list(system_ids)});
  if (!valid.empty()) {
    sel.notes.push_back({level::info, "Continuing with " + std::to_string(valid.size()) +
                                          " valid GPUs: " + python_list(valid)});
  } else {
    sel.notes.push_back({level::warning,
                         "No valid GPUs found after filtering - all specified GPUs are missing "
                         "from system"});
    sel.notes.push_back({level::warning,
                         "Returning empty GPU list due to complete filtering "
                         "mismatch"});
  }
  return sel;
}

}  // namespace smistat::render
