#include "src/system/cpu_reader.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <string>
#include <utility>

#include "src/common/python_float.hpp"
#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

enum time_index : std::size_t { idle = 3, iowait = 4, guest = 8, guest_nice = 9 };

std::optional<cpu_times> parse_times(const std::vector<std::string_view>& words) {
  cpu_times times{};  // older kernels have fewer columns; the missing ones stay 0
  for (std::size_t i = 1; i < words.size() && i <= times.size(); ++i) {
    const auto value = to_u64(words[i]);
    if (!value) return std::nullopt;
    times[i - 1] = *value;
  }
  return words.size() >= 5 ? std::optional<cpu_times>(times) : std::nullopt;
}

/** Index-sorted "<dir>/<prefix>N" folders that exist. */
std::vector<std::filesystem::path> numbered_dirs(const std::filesystem::path& dir,
                                                 std::string_view prefix) {
  std::vector<std::pair<std::uint64_t, std::filesystem::path>> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    if (const auto n = to_u64(std::string_view(name).substr(prefix.size()))) {
      found.emplace_back(*n, entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::filesystem::path> out;
  for (auto& [n, path] : found) out.push_back(std::move(path));
  return out;
}

std::optional<double> khz_file(const std::filesystem::path& path) {
  const auto khz = to_u64(read_line(path));
  return khz ? std::optional<double>(static_cast<double>(*khz) / 1000.0) : std::nullopt;
}

}  // namespace

proc_stat parse_proc_stat(std::string_view text) {
  proc_stat out;
  for (const std::string_view line : split_lines(text)) {
    const auto words = split_ws(line);
    if (words.empty()) continue;
    if (words[0] == "btime" && words.size() == 2) out.boot_time = to_i64(words[1]);
    if (words[0].rfind("cpu", 0) != 0) continue;
    const auto times = parse_times(words);
    if (!times) continue;
    if (words[0] == "cpu") {
      out.total = times;
    } else if (to_u64(words[0].substr(3))) {
      out.per_core.push_back(*times);
    }
  }
  return out;
}

double busy_percent(const cpu_times& before, const cpu_times& after) {
  cpu_times delta{};
  for (std::size_t i = 0; i < delta.size(); ++i) {
    delta[i] = after[i] > before[i] ? after[i] - before[i] : 0;  // psutil clamps at 0
  }
  // guest time is already counted in user and nice, so psutil leaves it out of the total.
  const std::uint64_t all = std::accumulate(delta.begin(), delta.end(), std::uint64_t{0}) -
                            delta[guest] - delta[guest_nice];
  if (all == 0) return 0.0;
  const std::uint64_t busy = all - delta[idle] - delta[iowait];
  return common::python_round(static_cast<double>(busy) / static_cast<double>(all) * 100.0, 1);
}

cpu_counts count_cpus(std::string_view cpuinfo, const proc_stat& stat) {
  cpu_counts counts;
  std::set<std::pair<std::string, std::string>> cores;
  std::string physical_id;
  for (const std::string_view line : split_lines(cpuinfo)) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (key == "processor") ++counts.logical;
    if (key == "physical id") physical_id = std::string(value);
    if (key == "core id") cores.emplace(physical_id, std::string(value));
  }
  counts.physical = static_cast<int>(cores.size());
  if (counts.logical == 0) counts.logical = static_cast<int>(stat.per_core.size());
  return counts;
}

std::vector<std::filesystem::path> cpufreq_dirs(const std::filesystem::path& root) {
  const std::filesystem::path cpu = root / "sys/devices/system/cpu";
  auto dirs = numbered_dirs(cpu / "cpufreq", "policy");
  if (!dirs.empty()) return dirs;
  for (const auto& core : numbered_dirs(cpu, "cpu")) {
    if (std::filesystem::exists(core / "cpufreq")) dirs.push_back(core / "cpufreq");
  }
  return dirs;
}

std::optional<cpu_frequency> read_cpufreq(const std::vector<std::filesystem::path>& dirs) {
  double current = 0.0, low = 0.0, high = 0.0;
  std::size_t n = 0;
  for (const auto& dir : dirs) {
    const auto cur = khz_file(dir / "scaling_cur_freq");
    if (!cur) continue;
    current += *cur;
    low += khz_file(dir / "scaling_min_freq").value_or(0.0);
    high += khz_file(dir / "scaling_max_freq").value_or(0.0);
    ++n;
  }
  if (n == 0) return std::nullopt;
  const auto count = static_cast<double>(n);
  return cpu_frequency{current / count, low / count, high / count};
}

cpu_frequency cpuinfo_frequency(std::string_view cpuinfo) {
  cpu_frequency freq;
  double current = 0.0;
  std::size_t n = 0;
  for (const std::string_view line : split_lines(cpuinfo)) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || trim(line.substr(0, colon)) != "cpu MHz") continue;
    if (const auto mhz = to_double(line.substr(colon + 1))) {
      current += *mhz;
      ++n;
    }
  }
  if (n > 0) freq.current = current / static_cast<double>(n);
  return freq;
}

}  // namespace smistat::system
