#include "src/contracts/gpu_metrics_api/gpu_metrics_api_system.hpp"

#include "src/contracts/kit/nvml_version.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

constexpr double mib = 1048576.0;
constexpr double gib = 1073741824.0;

// psutil bytes => MiB as the original prints them: int(round(bytes / 1048576)).
std::int64_t whole_mib(std::uint64_t bytes) {
  return static_cast<std::int64_t>(python_round(static_cast<double>(bytes) / mib, 0));
}

std::int64_t as_int(std::uint64_t v) { return static_cast<std::int64_t>(v); }

void write_os(json_writer& w, const system::os_info* os) {
  const system::os_info none;
  const system::os_info& o = os ? *os : none;
  w.key("os").string(o.os).key("os_release").string(o.os_release);
  w.key("os_version").string(o.os_version).key("architecture").string(o.architecture);
  w.key("processor").string(o.processor).key("hostname").string(o.hostname);
  // No Python runs here; the field stays for clients that expect it.
  w.key("python_version").string("").key("platform").string(o.platform);
}

void write_versions(json_writer& w, const collect::snapshot& s) {
  collect::static_facts facts = s.facts;
  if (facts.driver_version.empty() && !s.gpus.rows.empty())
    facts.driver_version = text_cell(s.gpus, 0, gpu_field::driver_version).value_or("");
  w.key("driver_version").string(facts.driver_version);
  w.key("cuda_version").string(facts.cuda_version);
  w.key("nvml_version").string(nvml_version_string(facts));
}

void write_cpu(json_writer& w, const system::cpu_info& c) {
  w.begin_object();
  w.key("cpu_count_physical").integer(c.count_physical);
  w.key("cpu_count_logical").integer(c.count_logical);
  w.key("cpu_percent").number(python_round(c.percent, 1));
  w.key("cpu_per_core_percent").begin_array();
  for (const double p : c.per_core_percent) w.number(python_round(p, 1));
  w.end_array();
  w.key("cpu_freq_current_mhz").number(python_round(c.freq_current_mhz, 1));
  w.key("cpu_freq_min_mhz").number(python_round(c.freq_min_mhz, 1));
  w.key("cpu_freq_max_mhz").number(python_round(c.freq_max_mhz, 1)).end_object();
}

void write_memory(json_writer& w, const system::memory_info& m) {
  w.begin_object();
  w.key("total_mb").integer(whole_mib(m.total)).key("available_mb").integer(whole_mib(m.available));
  w.key("used_mb").integer(whole_mib(m.used)).key("percent").number(python_round(m.percent, 1));
  w.key("cached_mb").integer(whole_mib(m.cached)).key("buffers_mb").integer(whole_mib(m.buffers));
  w.key("top_processes").begin_array();
  for (const auto& p : m.top_processes) {
    const double rss = static_cast<double>(p.rss_bytes);
    const double percent = m.total ? rss / static_cast<double>(m.total) * 100 : 0.0;
    w.begin_object().key("pid").integer(p.pid).key("name").string(p.name);
    w.key("memory_mb").number(python_round(rss / mib, 1));
    w.key("memory_percent").number(python_round(percent, 2));
    w.key("username").string(p.username).end_object();
  }
  w.end_array().end_object();
}

void write_disk_io(json_writer& w, const system::disk_io& io) {
  w.begin_object();
  w.key("read_bytes_per_sec").number(python_round(io.read_bytes_per_sec, 2));
  w.key("write_bytes_per_sec").number(python_round(io.write_bytes_per_sec, 2));
  w.key("read_ops_per_sec").number(python_round(io.read_ops_per_sec, 2));
  w.key("write_ops_per_sec").number(python_round(io.write_ops_per_sec, 2));
  w.key("total_read_bytes").integer(as_int(io.total_read_bytes));
  w.key("total_write_bytes").integer(as_int(io.total_write_bytes));
  w.key("total_read_ops").integer(as_int(io.total_read_ops));
  w.key("total_write_ops").integer(as_int(io.total_write_ops)).end_object();
}

void write_host(json_writer& w, const system::system_snapshot& h) {
  w.key("cpu");
  write_cpu(w, h.cpu);
  w.key("memory");
  write_memory(w, h.memory);
  w.key("disk_used_gb").number(python_round(static_cast<double>(h.disk.used) / gib, 2));
  w.key("disk_available_gb").number(python_round(static_cast<double>(h.disk.free) / gib, 2));
  w.key("disk_io");
  write_disk_io(w, h.io);
  w.key("temperature_celsius").number(python_round(h.max_temperature_celsius.value_or(0.0), 1));
}

void write_no_host(json_writer& w) {
  w.key("cpu").raw("{}").key("memory").raw("{}");
  w.key("disk_used_gb").number(0.0).key("disk_available_gb").number(0.0);
  w.key("disk_io").raw("{}").key("temperature_celsius").number(0.0);
}

}  // namespace

void write_system_info(json_writer& w, const collect::snapshot& s) {
  w.begin_object();
  write_os(w, s.host ? &s.host->os : nullptr);
  write_versions(w, s);
  if (s.host)
    write_host(w, *s.host);
  else
    write_no_host(w);
  w.end_object();
}

}  // namespace smistat::render
