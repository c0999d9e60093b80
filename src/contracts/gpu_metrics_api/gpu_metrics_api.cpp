#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"

#include <array>
#include <ctime>
#include <vector>

#include "src/common/iso_time.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_gpu.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_rules.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_system.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {
namespace {

struct rendered_gpu {
  gpu_reading reading;
  gpu_figures figures;
};

activity_inputs activity_of(const rendered_gpu& g) {
  const auto& r = g.reading;
  return {static_cast<double>(r.gpu_utilization),  g.figures.power_w,
          g.figures.memory_utilization_percent,    static_cast<double>(r.graphics_mhz),
          static_cast<double>(r.max_graphics_mhz), static_cast<double>(r.temperature)};
}

throttle_inputs throttle_of(const rendered_gpu& g) {
  return {g.reading.throttle_reasons,
          g.figures.power_w,
          g.figures.limit_w,
          g.figures.memory_utilization_percent,
          static_cast<double>(g.reading.gpu_utilization),
          static_cast<double>(g.figures.pcie_utilization)};
}

void write_memory(json_writer& w, const rendered_gpu& g) {
  const auto& r = g.reading;
  w.key("memory").begin_object();
  w.key("total_mb").number(python_round(r.memory_total_mb, 1));
  w.key("used_mb").number(python_round(r.memory_used_mb, 1));
  w.key("free_mb").number(python_round(r.memory_free_mb, 1));
  w.key("utilization_percent").number(g.figures.memory_utilization_percent);
  // Misnamed in the original: it is the PCIe link utilisation.
  w.key("bandwidth_utilization_percent").number(python_round(g.figures.pcie_utilization_exact, 1));
  w.end_object();
  w.key("utilization").begin_object().key("gpu_percent").integer(r.gpu_utilization);
  w.key("memory_percent").integer(r.memory_utilization);
  w.key("sm_percent").integer(r.gpu_utilization).end_object();
  w.key("temperature_celsius").integer(r.temperature);
}

void write_power_and_trend(json_writer& w, const rendered_gpu& g, const history::gpu_trend& t) {
  const auto& f = g.figures;
  w.key("power").begin_object().key("usage_watts").number(f.power_w);
  // Milliwatts under a watts name, as the original (its UI divides by 1000).
  w.key("limit_watts").integer(g.reading.power_limit_mw);
  w.key("budget_watts").number(f.budget_w);
  w.key("efficiency_percent").integer(f.power_efficiency).end_object();
  w.key("rate_of_change").begin_object();
  w.key("temperature_delta_per_sec").number(python_round(t.temperature_delta_per_sec, 2));
  w.key("power_delta_per_sec").number(python_round(t.power_delta_per_sec, 2)).end_object();
  w.key("peak_values").begin_object();
  w.key("gpu_utilization_percent").number(python_round(t.peak_gpu_utilization_percent, 1));
  w.key("power_watts").number(python_round(t.peak_power_watts, 1));
  w.key("temperature_celsius").number(python_round(t.peak_temperature_celsius, 1)).end_object();
}

void write_clocks_and_pcie(json_writer& w, const rendered_gpu& g) {
  const auto& r = g.reading;
  const auto& f = g.figures;
  w.key("clocks").begin_object().key("graphics_mhz").integer(r.graphics_mhz);
  w.key("memory_mhz").integer(r.memory_mhz).key("max_graphics_mhz").integer(r.max_graphics_mhz);
  w.key("max_memory_mhz").integer(r.max_memory_mhz);
  w.key("efficiency_percent").integer(f.clock_efficiency).end_object();
  w.key("pcie").begin_object().key("generation").integer(r.pcie_generation);
  w.key("width").integer(r.pcie_width);
  w.key("tx_throughput_mbps").number(python_round(r.tx_mbps, 1));
  w.key("rx_throughput_mbps").number(python_round(r.rx_mbps, 1));
  w.key("total_throughput_mbps").number(python_round(f.pcie_total_mbps, 1));
  w.key("max_bandwidth_mbps").number(f.pcie_max_mbps);
  w.key("utilization_percent").integer(f.pcie_utilization).end_object();
}

void write_throttling(json_writer& w, const rendered_gpu& g) {
  const auto reasons = g.reading.throttle_reasons;
  // JSON integers are signed here; reason masks use the low bits only.
  w.key("throttling").begin_object().key("reasons").integer(static_cast<std::int64_t>(reasons));
  w.key("is_throttled").boolean(reasons != 0).key("bottlenecks").begin_array();
  for (const auto b : bottlenecks(throttle_of(g))) w.string(b);
  w.end_array().end_object();
}

void write_processes(json_writer& w, const std::vector<gpu_process>& processes) {
  w.key("top_processes").begin_array();
  for (const auto& p : processes) {
    w.begin_object().key("pid").integer(p.pid).key("name").string(p.name);
    w.key("memory_mb").number(python_round(p.memory_mb, 1));
    w.key("memory_percent").number(python_round(p.memory_percent, 2));
    w.key("username").string(p.username);
    w.key("cpu_percent").number(python_round(p.cpu_percent, 1)).end_object();
  }
  w.end_array();
}

void write_debug(json_writer& w, const activity_inputs& a, bool active) {
  const debug_strings d = debug_info(a);
  w.key("debug_info").begin_object().key("gpu_util_threshold").string(d.gpu_util_threshold);
  w.key("power_threshold").string(d.power_threshold);
  w.key("memory_util_threshold").string(d.memory_util_threshold);
  w.key("clock_threshold").string(d.clock_threshold);
  w.key("temp_threshold").string(d.temp_threshold).key("is_active").boolean(active).end_object();
}

void write_gpu(json_writer& w, const collect::snapshot& s, const rendered_gpu& g,
               const std::string& timestamp, const history::gpu_trends& trends) {
  const auto& r = g.reading;
  w.begin_object().key("id").integer(r.id).key("timestamp").string(timestamp);
  w.key("name").string(r.name).key("compute_capability").string(r.compute_capability);
  w.key("performance_state").integer(r.performance_state);
  write_memory(w, g);
  const auto trend = trends.find(r.id);
  write_power_and_trend(w, g, trend == trends.end() ? history::gpu_trend{} : trend->second);
  write_clocks_and_pcie(w, g);
  write_throttling(w, g);
  w.key("fan_speed_rpm").integer(r.fan_percent);  // a percent, as the original
  const activity_inputs activity = activity_of(g);
  const bool active = is_active(activity);
  w.key("status").string(active ? "active" : "idle");
  write_processes(w, top_gpu_processes(s, r));
  write_debug(w, activity, active);
  w.end_object();
}

void write_summary(json_writer& w, const std::vector<rendered_gpu>& gpus) {
  w.key("summary").begin_object();
  if (gpus.empty()) {
    for (const char* k : {"total_memory_mb", "total_used_memory_mb", "memory_utilization_percent",
                          "average_gpu_utilization_percent", "average_temperature_celsius",
                          "total_power_usage_watts"})
      w.key(k).integer(0);
    w.end_object();
    return;
  }
  double total = 0, used = 0, util = 0, temp = 0, power = 0;
  for (const auto& g : gpus) {
    total += g.reading.memory_total_mb;
    used += g.reading.memory_used_mb;
    util += static_cast<double>(g.reading.gpu_utilization);
    temp += static_cast<double>(g.reading.temperature);
    power += g.figures.power_w;
  }
  const double n = static_cast<double>(gpus.size());
  w.key("total_memory_mb").integer(round_to_int(total));
  w.key("total_used_memory_mb").integer(round_to_int(used));
  w.key("memory_utilization_percent").number(total > 0 ? python_round(used / total * 100, 1) : 0.0);
  w.key("average_gpu_utilization_percent").number(python_round(util / n, 1));
  w.key("average_temperature_celsius").integer(round_to_int(temp / n));
  w.key("total_power_usage_watts").number(python_round(power, 1)).end_object();
}

}  // namespace

std::string render_gpu_metrics(const collect::snapshot& s, collect::wall_clock::time_point now,
                               const history::gpu_trends& trends) {
  std::vector<rendered_gpu> gpus;
  if (s.has_data()) {
    for (std::size_t row = 0; row < s.gpus.rows.size(); ++row) {
      gpu_reading r = read_gpu(s, row);
      const gpu_figures f = figures_of(r);
      gpus.push_back({std::move(r), f});
    }
  }
  const std::string timestamp = common::utc_iso_seconds(now);
  std::string out;
  json_writer w(out);
  w.begin_object().key("timestamp").string(timestamp).key("system_info");
  write_system_info(w, s);
  w.key("gpu_count").integer(static_cast<std::int64_t>(gpus.size()));
  w.key("gpus").begin_array();
  for (const auto& g : gpus) write_gpu(w, s, g, timestamp, trends);
  w.end_array();
  write_summary(w, gpus);
  w.key("status").string(s.has_data() ? "ok" : "error").end_object();
  return out;
}

}  // namespace smistat::render
