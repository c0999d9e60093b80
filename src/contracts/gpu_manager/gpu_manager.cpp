#include "src/contracts/gpu_manager/gpu_manager.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include "src/contracts/kit/json_writer.hpp"
#include "src/contracts/kit/nvml_version.hpp"
#include "src/contracts/kit/table_cells.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

// One GPUDevice of types.py; an unknown index is resolved after all rows are read.
struct manager_device {
  std::optional<std::int64_t> index;
  std::string name = "Unknown";
  std::optional<std::int64_t> total_mb, free_mb, used_mb, utilization, temperature_c;
  std::optional<std::string> error_message;  ///< set: is_available is false
};

manager_device read_device(const parsers::query_table& t, std::size_t row) {
  manager_device d;
  d.index = integer_cell(t, row, gpu_field::index);
  d.name = text_cell(t, row, gpu_field::name).value_or("Unknown");
  d.total_mb = integer_cell(t, row, gpu_field::memory_total);
  d.free_mb = integer_cell(t, row, gpu_field::memory_free);
  d.used_mb = integer_cell(t, row, gpu_field::memory_used);
  d.utilization = integer_cell(t, row, gpu_field::utilization_gpu);
  d.temperature_c = integer_cell(t, row, gpu_field::temperature_gpu);
  return d;
}

std::int64_t smallest_unused(const std::set<std::int64_t>& used) {
  std::int64_t candidate = 0;
  for (const std::int64_t i : used) {
    if (i > candidate) break;
    if (i == candidate) ++candidate;
  }
  return candidate;
}

// A lost GPU has no row, so no index. `-L` (read at start) lists it; the indices `-L` knows
// that answered no row belong to the lost GPUs, in bus order (nvidia-smi numbers by bus id).
void add_lost_devices(std::vector<manager_device>& devices, const collect::snapshot& s) {
  std::vector<parsers::lost_gpu> lost = s.gpus.lost;
  std::sort(lost.begin(), lost.end(),
            [](const auto& a, const auto& b) { return a.bus_id < b.bus_id; });
  std::set<std::int64_t> answered;
  for (const auto& d : devices)
    if (d.index) answered.insert(*d.index);
  std::vector<std::int64_t> silent;
  for (const auto& listed : s.facts.listed)
    if (!answered.count(listed.index)) silent.push_back(listed.index);
  std::sort(silent.begin(), silent.end());
  for (std::size_t i = 0; i < lost.size(); ++i) {
    manager_device d;
    if (i < silent.size()) d.index = silent[i];
    d.error_message = lost[i].line;
    devices.push_back(std::move(d));
  }
}

// Rows or lost GPUs without a readable index take the smallest index nobody has.
void assign_missing_indices(std::vector<manager_device>& devices) {
  std::set<std::int64_t> used;
  for (const auto& d : devices)
    if (d.index) used.insert(*d.index);
  for (auto& d : devices) {
    if (d.index) continue;
    d.index = smallest_unused(used);
    used.insert(*d.index);
  }
}

void write_device(json_writer& w, const manager_device& d) {
  w.begin_object().key("index").integer(d.index.value_or(0)).key("name").string(d.name);
  w.key("total_memory_mb").integer_or_null(d.total_mb);
  w.key("free_memory_mb").integer_or_null(d.free_mb);
  w.key("used_memory_mb").integer_or_null(d.used_mb);
  w.key("utilization_percent").integer_or_null(d.utilization);
  w.key("temperature_c").integer_or_null(d.temperature_c);
  w.key("is_available").boolean(!d.error_message);
  w.key("error_message").string_or_null(d.error_message).end_object();
}

std::string detail_body(std::string_view detail) {
  std::string out;
  json_writer(out).begin_object().key("detail").string(detail).end_object();
  return out;
}

std::string driver_version_of(const collect::snapshot& s) {
  if (!s.facts.driver_version.empty()) return s.facts.driver_version;
  if (s.gpus.rows.empty()) return {};
  return text_cell(s.gpus, 0, gpu_field::driver_version).value_or("");
}

}  // namespace

rendered_response render_gpu_devices(const collect::snapshot& s, collect::wall_clock::time_point) {
  std::vector<manager_device> devices;
  // Without data NVML would not be initialised: the original answers an empty list.
  if (s.has_data()) {
    for (std::size_t row = 0; row < s.gpus.rows.size(); ++row)
      devices.push_back(read_device(s.gpus, row));
    add_lost_devices(devices, s);
    assign_missing_indices(devices);
    std::stable_sort(devices.begin(), devices.end(),
                     [](const auto& a, const auto& b) { return *a.index < *b.index; });
  }
  rendered_response r;
  json_writer w(r.body);
  w.begin_object().key("devices").begin_array();
  for (const auto& d : devices) write_device(w, d);
  w.end_array().key("count").integer(static_cast<std::int64_t>(devices.size())).end_object();
  return r;
}

rendered_response render_gpu_driver(const collect::snapshot& s, collect::wall_clock::time_point) {
  if (!s.has_data())
    return {503, detail_body("NVML not initialized. GPU features are not available.")};
  const std::string driver = driver_version_of(s);
  if (driver.empty())
    return {503, detail_body("Failed to query driver information: driver version unknown")};
  // Only the versions; the driver may be the table's copy when `--version` was not available.
  collect::static_facts facts;
  facts.driver_version = driver;
  facts.cuda_version = s.facts.cuda_version;
  facts.nvml_version = s.facts.nvml_version;
  rendered_response r;
  json_writer w(r.body);
  w.begin_object().key("driver_version").string(driver);
  w.key("cuda_driver_version").string(facts.cuda_version);
  w.key("nvml_version").string(nvml_version_string(facts)).end_object();
  return r;
}

}  // namespace smistat::render
