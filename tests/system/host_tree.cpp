#include "tests/system/host_tree.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>

#include "src/contracts/kit/json_writer.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

std::string num(double v) {
  std::string out;
  render::append_python_float(out, v);
  return out;
}

void line(std::string& out, std::string_view key, std::string_view value) {
  out.append(key).append(": ").append(value).push_back('\n');
}

void describe_usage(std::string& out, std::string_view key, const system::disk_usage& d) {
  line(out, key,
       "total=" + std::to_string(d.total) + " used=" + std::to_string(d.used) +
           " free=" + std::to_string(d.free) + " percent=" + num(d.percent));
}

std::string join(const std::vector<double>& values) {
  std::string out;
  for (const double v : values) out += (out.empty() ? "" : " ") + num(v);
  return out;
}

}  // namespace

std::filesystem::path host_tree(std::string_view name) { return fixtures_dir() / "host" / name; }

std::vector<std::string> host_tree_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir() / "host")) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "proc")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

scratch_root::scratch_root(const std::filesystem::path& source) : source_(source) {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("smistat-host-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
  for (const auto& entry : std::filesystem::directory_iterator(source)) {
    if (entry.path().filename() == "later") continue;
    std::filesystem::copy(entry.path(), path_ / entry.path().filename(),
                          std::filesystem::copy_options::recursive);
  }
}

scratch_root::~scratch_root() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void scratch_root::advance_to_later() {
  std::filesystem::copy(
      source_ / "later", path_,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

void scratch_root::write(const std::filesystem::path& relative, std::string_view content) {
  const auto target = path_ / relative;
  std::filesystem::create_directories(target.parent_path());
  std::ofstream(target, std::ios::binary | std::ios::trunc) << content;
}

std::string describe(const system::system_snapshot& s) {
  std::string out;
  line(out, "os", s.os.os + " | " + s.os.os_release + " | " + s.os.os_version);
  line(out, "machine",
       s.os.architecture + " | processor=" + s.os.processor + " | " + s.os.hostname);
  line(out, "platform", s.os.platform);
  line(out, "cpu.count",
       std::to_string(s.cpu.count_physical) + " physical, " + std::to_string(s.cpu.count_logical) +
           " logical");
  line(out, "cpu.percent", num(s.cpu.percent) + " per core " + join(s.cpu.per_core_percent));
  line(out, "cpu.freq_mhz", join({s.cpu.freq_current_mhz, s.cpu.freq_min_mhz, s.cpu.freq_max_mhz}));
  const auto& m = s.memory;
  line(out, "memory",
       "total=" + std::to_string(m.total) + " available=" + std::to_string(m.available) +
           " used=" + std::to_string(m.used) + " free=" + std::to_string(m.free) +
           " cached=" + std::to_string(m.cached) + " buffers=" + std::to_string(m.buffers) +
           " percent=" + num(m.percent));
  for (const auto& p : m.top_processes) {
    line(out, "memory.top",
         std::to_string(p.pid) + " name=" + p.name + " rss=" + std::to_string(p.rss_bytes) +
             " user=" + p.username);
  }
  describe_usage(out, "disk", s.disk);
  describe_usage(out, "root_disk", s.root_disk);
  line(out, "io.rates",
       join({s.io.read_bytes_per_sec, s.io.write_bytes_per_sec, s.io.read_ops_per_sec,
             s.io.write_ops_per_sec}));
  line(out, "io.totals",
       std::to_string(s.io.total_read_bytes) + " " + std::to_string(s.io.total_write_bytes) + " " +
           std::to_string(s.io.total_read_ops) + " " + std::to_string(s.io.total_write_ops));
  line(out, "temperature",
       s.max_temperature_celsius ? num(*s.max_temperature_celsius) : std::string("none"));
  return out;
}

std::string describe(const std::vector<system::process_details>& procs) {
  std::string out;
  for (const auto& p : procs) {
    const auto start = p.start_time ? std::chrono::duration_cast<std::chrono::milliseconds>(
                                          p.start_time->time_since_epoch())
                                          .count()
                                    : -1;
    line(out, std::to_string(p.pid),
         "name=" + p.name + " user=" + p.username + " cpu=" + num(p.cpu_percent) +
             " start_ms=" + std::to_string(start) + " rss=" + std::to_string(p.rss_bytes) +
             " cmdline=" + p.cmdline);
  }
  return out;
}

}  // namespace smistat::test
