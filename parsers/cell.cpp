#include "parsers/cell.hpp"

#include <charconv>

#include "parsers/csv_dialect.hpp"

namespace smistat::parsers {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// A unit suffix is one space and a blank-free word (`MiB`, `%`, `W/s`, `seconds`).
bool is_unit_suffix(std::string_view rest) noexcept {
  if (rest.empty()) return true;
  if (rest.size() < 2 || rest.front() != ' ') return false;
  return rest.find_first_of(" \t", 1) == std::string_view::npos;
}

// from_chars also accepts `inf`, `nan` and a bare `.5`; nvidia-smi never prints those.
bool starts_like_number(std::string_view s) noexcept {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return !s.empty() && is_digit(s.front());
}

template <typename T>
std::optional<T> read_number(const cell& c, std::string_view* unit) noexcept {
  if (!c.has_value() || !starts_like_number(c.raw)) return std::nullopt;
  const char* first = c.raw.data();
  const char* last = first + c.raw.size();
  T value{};
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{}) return std::nullopt;
  const std::string_view rest(end, static_cast<std::size_t>(last - end));
  if (!is_unit_suffix(rest)) return std::nullopt;
  if (unit) *unit = rest.empty() ? rest : rest.substr(1);
  return value;
}

// Reads exactly `width` digits at `pos` of `s`.
std::optional<int> fixed_digits(std::string_view s, std::size_t pos, std::size_t width) noexcept {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!is_digit(s[i])) return std::nullopt;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

bool has_separators(std::string_view s) noexcept {
  return s[4] == '/' && s[7] == '/' && s[10] == ' ' && s[13] == ':' && s[16] == ':';
}

bool in_range(const smi_timestamp& t) noexcept {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 && t.hour <= 23 &&
         t.minute <= 59 && t.second <= 60;
}

}  // namespace

cell make_cell(std::string_view trimmed) noexcept {
  trimmed = trim(trimmed);
  return cell{trimmed, classify_cell(trimmed)};
}

std::optional<double> to_number(const cell& c) noexcept { return read_number<double>(c, nullptr); }

std::optional<std::int64_t> to_integer(const cell& c) noexcept {
  return read_number<std::int64_t>(c, nullptr);
}

std::string_view unit_of(const cell& c) noexcept {
  std::string_view unit;
  if (!read_number<double>(c, &unit)) return {};
  return unit;
}

std::optional<std::uint64_t> to_hex(const cell& c) noexcept {
  if (!c.has_value()) return std::nullopt;
  const std::string_view s = c.raw;
  if (s.size() < 3 || s.size() > 18 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
    return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), value, 16);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<bool> to_flag(const cell& c) noexcept {
  if (!c.has_value()) return std::nullopt;
  const std::string_view s = c.raw;
  if (s == "Enabled" || s == "Yes" || s == "Active" || s == "On" || s == "True") return true;
  if (s == "Disabled" || s == "No" || s == "Not Active" || s == "Off" || s == "False") return false;
  return std::nullopt;
}

std::optional<int> to_pstate(const cell& c) noexcept {
  if (!c.has_value()) return std::nullopt;
  const std::string_view s = c.raw;
  if (s.size() < 2 || s.size() > 3 || s[0] != 'P') return std::nullopt;
  const auto n = fixed_digits(s, 1, s.size() - 1);
  if (!n || *n > 15 || (s.size() == 3 && s[1] == '0')) return std::nullopt;
  return n;
}

std::optional<smi_timestamp> to_timestamp(const cell& c) noexcept {
  if (!c.has_value()) return std::nullopt;
  const std::string_view s = c.raw;
  if ((s.size() != 19 && s.size() != 23) || !has_separators(s)) return std::nullopt;
  const auto year = fixed_digits(s, 0, 4), month = fixed_digits(s, 5, 2),
             day = fixed_digits(s, 8, 2), hour = fixed_digits(s, 11, 2),
             minute = fixed_digits(s, 14, 2), second = fixed_digits(s, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  smi_timestamp t{*year, *month, *day, *hour, *minute, *second, 0};
  if (s.size() == 23) {
    const auto ms = fixed_digits(s, 20, 3);
    if (s[19] != '.' || !ms) return std::nullopt;
    t.millisecond = *ms;
  }
  if (!in_range(t)) return std::nullopt;
  return t;
}

}  // namespace smistat::parsers
