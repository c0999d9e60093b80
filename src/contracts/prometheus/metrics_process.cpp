#include "src/contracts/prometheus/metrics_process.hpp"

#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

std::string render_process_metrics(const system::self_process_stats& p) {
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
