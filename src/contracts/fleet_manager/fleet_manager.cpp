#include "src/contracts/fleet_manager/fleet_manager.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "src/common/iso_time.hpp"
#include "src/contracts/kit/json_writer.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

// The original's stand-in when its NVML module cannot be imported (here: no nvidia-smi).
constexpr std::string_view simulated_gpu =
    R"({"id":"gpu-0","name":"Simulated GPU","uuid":"GPU-00000000-0000-0000-0000-000000000000",)"
    R"("utilization":0,"memory":{"total":16384,"used":0,"free":16384},"temperature":0,)"
    R"("power_usage":0.0,"clock_speeds":{"graphics":0,"memory":0}})";

std::int64_t int_or_zero(const parsers::query_table& t, std::size_t row, gpu_field field) {
  return integer_cell(t, row, field).value_or(0);
}

void write_gpu(json_writer& w, const parsers::query_table& t, std::size_t row) {
  const auto index =
      integer_cell(t, row, gpu_field::index).value_or(static_cast<std::int64_t>(row));
  w.begin_object().key("id").string("gpu-" + std::to_string(index));
  w.key("name").string(text_cell(t, row, gpu_field::name).value_or("Unknown"));
  w.key("uuid").string(text_cell(t, row, gpu_field::uuid).value_or("Unknown"));
  w.key("utilization").integer(int_or_zero(t, row, gpu_field::utilization_gpu));
  // All three or the original's memory-error form {0,0,0}: never a real total beside a `used`
  // of 0 that nobody measured.
  const memory_mib memory = memory_cells(t, row).value_or(memory_mib{});
  w.key("memory").begin_object().key("total").integer(memory.total);
  w.key("used").integer(memory.used).key("free").integer(memory.free).end_object();
  w.key("temperature").integer(int_or_zero(t, row, gpu_field::temperature_gpu));
  // Not rounded: the original prints mW / 1000.0, i.e. the watts nvidia-smi shows.
  w.key("power_usage").number(number_cell(t, row, gpu_field::power_draw).value_or(0.0));
  w.key("clock_speeds").begin_object();
  w.key("graphics").integer(int_or_zero(t, row, gpu_field::clocks_current_graphics));
  w.key("memory").integer(int_or_zero(t, row, gpu_field::clocks_current_memory)).end_object();
  w.end_object();
}

}  // namespace

std::string render_fleet_gpu_metrics(const collect::snapshot& s,
                                     collect::wall_clock::time_point now) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("timestamp").string(common::utc_isoformat(now)).key("gpus").begin_array();
  if (!s.facts.nvidia_smi_found) {
    w.raw(simulated_gpu);  // a missing binary is the analogue of a missing module
  } else if (s.has_data()) {
    for (std::size_t row = 0; row < s.gpus.rows.size(); ++row) write_gpu(w, s.gpus, row);
  }
  w.end_array().end_object();
  return out;
}

std::string render_fleet_health(const collect::snapshot&, collect::wall_clock::time_point now) {
  std::string out;
  json_writer w(out);
  w.begin_object()
      .key("status")
      .string("healthy")
      .key("timestamp")
      .string(common::utc_isoformat(now));
  w.key("version").string("1.0.0").end_object();
  return out;
}

std::string render_fleet_system_metrics(const collect::snapshot& s,
                                        collect::wall_clock::time_point now) {
  const system::system_snapshot none;
  const system::system_snapshot& h = s.host ? *s.host : none;
  const auto bytes = [](std::uint64_t v) { return static_cast<std::int64_t>(v); };
  std::string out;
  json_writer w(out);
  w.begin_object().key("timestamp").string(common::utc_isoformat(now)).key("system").begin_object();
  w.key("cpu_percent").number(python_round(h.cpu.percent, 1));
  w.key("memory").begin_object().key("total").integer(bytes(h.memory.total));
  w.key("available").integer(bytes(h.memory.available));
  w.key("percent").number(python_round(h.memory.percent, 1)).end_object();
  w.key("disk").begin_object().key("total").integer(bytes(h.root_disk.total));
  w.key("used").integer(bytes(h.root_disk.used)).key("free").integer(bytes(h.root_disk.free));
  w.key("percent").number(python_round(h.root_disk.percent, 1)).end_object();
  w.end_object().end_object();
  return out;
}

}  // namespace smistat::render
