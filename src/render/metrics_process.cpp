#include "src/render/metrics_process.hpp"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "src/render/metrics_text.hpp"

namespace smistat::render {
namespace {

std::string read_whole(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<double> to_double(std::string_view s) {
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
    const auto start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::optional<double> count_open_fds() {
  std::error_code ec;
  std::filesystem::directory_iterator it("/proc/self/fd", ec);
  if (ec) return std::nullopt;
  double n = 0;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) return std::nullopt;
    ++n;
  }
  // The iterator's own descriptor is counted; the client libraries count it too.
  return n;
}

}  // namespace

std::optional<proc_stat_fields> parse_proc_stat(std::string_view text) {
  // The command name is in parentheses and may contain both; the fields start after the last.
  const auto close = text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  const auto f = split_spaces(text.substr(close + 1));
  // After the name: state(3) ... utime(14) stime(15) ... starttime(22) vsize(23) rss(24).
  constexpr std::size_t first = 3;
  if (f.size() < 24 - first + 1) return std::nullopt;
  const auto at = [&](std::size_t field) { return to_double(f[field - first]); };
  const auto utime = at(14), stime = at(15), start = at(22), vsize = at(23), rss = at(24);
  if (!utime || !stime || !start || !vsize || !rss) return std::nullopt;
  return proc_stat_fields{*utime, *stime, *start, *vsize, *rss};
}

std::optional<double> parse_boot_time(std::string_view proc_stat) {
  const auto pos = proc_stat.find("\nbtime ");
  if (pos == std::string_view::npos) return std::nullopt;
  auto rest = proc_stat.substr(pos + 7);
  rest = rest.substr(0, rest.find('\n'));
  return to_double(rest);
}

std::optional<double> parse_max_fds(std::string_view limits) {
  const auto pos = limits.find("Max open files");
  if (pos == std::string_view::npos) return std::nullopt;
  auto line = limits.substr(pos + 14);
  line = line.substr(0, line.find('\n'));
  const auto f = split_spaces(line);
  if (f.empty()) return std::nullopt;
  return to_double(f.front());
}

process_stats read_process_stats() {
  process_stats p;
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const auto page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  if (const auto st = parse_proc_stat(read_whole("/proc/self/stat")); st && ticks > 0) {
    p.cpu_seconds_total = (st->utime_ticks + st->stime_ticks) / ticks;
    p.virtual_memory_bytes = st->vsize_bytes;
    p.resident_memory_bytes = st->rss_pages * page;
    if (const auto boot = parse_boot_time(read_whole("/proc/stat")))
      p.start_time_seconds = *boot + st->start_ticks / ticks;
  }
  p.open_fds = count_open_fds();
  p.max_fds = parse_max_fds(read_whole("/proc/self/limits"));
  return p;
}

std::string render_process_metrics(const process_stats& p) {
  std::string out;
  const auto one = [&](std::string_view name, metric_type type, std::string_view help,
                       const std::optional<double>& v) {
    if (v) append_single(out, name, type, help, {}, *v);
  };
  using enum metric_type;
  one("process_cpu_seconds_total", counter, "Total user and system CPU time spent in seconds.",
      p.cpu_seconds_total);
  one("process_max_fds", gauge, "Maximum number of open file descriptors.", p.max_fds);
  one("process_open_fds", gauge, "Number of open file descriptors.", p.open_fds);
  one("process_resident_memory_bytes", gauge, "Resident memory size in bytes.",
      p.resident_memory_bytes);
  one("process_start_time_seconds", gauge, "Start time of the process since unix epoch in seconds.",
      p.start_time_seconds);
  one("process_virtual_memory_bytes", gauge, "Virtual memory size in bytes.",
      p.virtual_memory_bytes);
  return out;
}

}  // namespace smistat::render
