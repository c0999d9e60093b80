#include "src/config/converters.hpp"

#include <unistd.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "src/common/log.hpp"

namespace smistat::config_detail {
namespace {

// A day bounds every duration: larger values are typos, and the millisecond conversion stays
// far from overflow.
constexpr double max_seconds = 86'400;

std::string_view trimmed(std::string_view s) {
  constexpr std::string_view spaces = " \t\n\r\f\v";
  const auto first = s.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(spaces) - first + 1);
}

/** Python's int() and float() accept surrounding blanks and a leading '+'; so do we. */
std::string_view numeric(std::string_view s) {
  s = trimmed(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  return s;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::uint64_t to_integer_in(const raw_value& v, std::uint64_t lo, std::uint64_t hi) {
  const auto s = numeric(v.text);
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || n < lo || n > hi)
    reject(v, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  return n;
}

double to_seconds(const raw_value& v, bool zero_allowed, std::string_view rule) {
  const auto s = numeric(v.text);
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d) || d < 0 ||
      d > max_seconds || (d == 0 && !zero_allowed))
    reject(v, rule);
  return d;
}

std::optional<double> to_optional_seconds(const raw_value& v, bool zero_allowed,
                                          std::string_view rule) {
  if (trimmed(v.text).empty()) return std::nullopt;
  return to_seconds(v, zero_allowed, rule);
}

std::chrono::milliseconds to_timeout(const raw_value& v) {
  // Round up so a tiny but positive timeout never becomes "no time at all".
  const double seconds = to_seconds(v, false, timeout_rule);
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(seconds * 1000))};
}

bool to_bool(const raw_value& v) {
  const std::string s = lowercase(v.python_bool ? std::string_view(v.text) : trimmed(v.text));
  if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
  // gpu_server.py: anything that is not a "true" word is false, typos included.
  if (v.python_bool || s == "false" || s == "0" || s == "no" || s == "off") return false;
  reject(v, "expected true or false (also 1/0, yes/no, on/off)");
}

std::string non_empty(const raw_value& v) {
  if (trimmed(v.text).empty()) reject(v, "expected a non-empty value");
  return v.text;
}

collect_mode to_mode(const raw_value& v) {
  if (v.text == "interval") return collect_mode::interval;
  if (v.text == "on-demand") return collect_mode::on_demand;
  if (v.text == "loop") return collect_mode::loop;
  reject(v, "expected interval, on-demand or loop");
}

std::string to_log_level(const raw_value& v) {
  // The logger is the one judge of level names, so config and logger never disagree.
  log::level ignored{};
  if (!log::parse_level(trimmed(v.text), ignored))
    reject(v, "expected trace, debug, info, warning, error, critical or off");
  const std::string name = lowercase(trimmed(v.text));
  return name == "warn" ? "warning" : name;
}

std::string to_route_path(const raw_value& v) {
  if (v.text.empty() || v.text.front() != '/' || v.text.find_first_of(" ?#") != std::string::npos)
    reject(v, "expected a path starting with /");
  return v.text;
}

std::string to_readable_dir(const raw_value& v) {
  if (trimmed(v.text).empty()) return {};
  std::error_code ec;
  // access(2) asks the kernel, so ACLs and a read-only mount count as they will when serving.
  if (!std::filesystem::is_directory(v.text, ec) || ::access(v.text.c_str(), R_OK | X_OK) != 0)
    reject(v, "expected a readable directory");
  return v.text;
}

std::string one_of(const raw_value& v, std::initializer_list<std::string_view> allowed) {
  std::string rule = "expected ";
  for (const auto a : allowed) {
    if (v.text == a) return v.text;
    if (rule.size() > 9) rule += ", ";
    rule += a;
  }
  reject(v, rule);
}

}  // namespace smistat::config_detail
