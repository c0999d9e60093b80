// Contract 001's per-GPU `top_processes`: nvidia-smi's compute apps joined with /proc details.
#include <algorithm>
#include <set>

#include "src/contracts/gpu_metrics_api/gpu_metrics_api_gpu.hpp"

namespace smistat::render {
namespace {

constexpr std::size_t top_count = 5;

// --query-compute-apps names the GPU by uuid; a bus id is the fallback when uuid is absent.
bool runs_on(const parsers::compute_app& app, const gpu_reading& g) {
  if (!app.gpu_uuid.empty()) return app.gpu_uuid == g.uuid;
  return !app.gpu_bus_id.empty() && same_bus_id(app.gpu_bus_id, g.bus_id);
}

const system::process_details* details_of(const collect::snapshot& s, std::int64_t pid) {
  for (const auto& p : s.app_processes)
    if (p.pid == pid) return &p;
  return nullptr;
}

gpu_process make_process(const collect::snapshot& s, const parsers::compute_app& app,
                         const gpu_reading& g) {
  gpu_process p;
  p.pid = *app.pid;
  // Windows (WDDM) reports no per-process memory: `[N/A]` counts as 0.
  p.memory_mb = static_cast<double>(app.used_memory_mib.value_or(0));
  if (g.memory_total_mb > 0) p.memory_percent = p.memory_mb / g.memory_total_mb * 100;
  if (const auto* d = details_of(s, p.pid)) {
    p.name = d->name;
    p.username = d->username;
    p.cpu_percent = d->cpu_percent;
  }
  return p;
}

}  // namespace

std::vector<gpu_process> top_gpu_processes(const collect::snapshot& s, const gpu_reading& g) {
  std::vector<gpu_process> out;
  std::set<std::int64_t> seen;
  for (const auto& app : s.apps) {
    // The original keys processes by pid, so a pid listed twice is shown once.
    if (!app.pid || !runs_on(app, g) || !seen.insert(*app.pid).second) continue;
    out.push_back(make_process(s, app, g));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.memory_mb > b.memory_mb; });
  if (out.size() > top_count) out.resize(top_count);
  return out;
}

}  // namespace smistat::render
