#include "src/cli/one_shot_collection.hpp"

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <vector>

#include "src/collect/smi_commands.hpp"
#include "src/collect/smi_results.hpp"
#include "src/runner/process_runner.hpp"
#include "src/system/system_info.hpp"

namespace smistat::cli {
namespace {

/** What nvgpu shows, by names every recorded driver knows (the 2021 Windows one has no
 *  `--help-query-gpu`, so only canonical names are safe). The key is the name itself. */
std::vector<parsers::resolved_field> nvgpu_fields() {
  std::vector<parsers::resolved_field> out;
  for (const char* name :
       {"index", "name", "uuid", "pci.bus_id", "memory.total", "memory.used", "memory.free",
        "utilization.gpu", "clocks.current.sm", "temperature.gpu"})
    out.push_back({name, name});
  return out;
}

struct runs {
  runner::run_result gpus, apps, list;
};

runs run_side_by_side(const collect::collector_options& options,
                      const std::vector<parsers::resolved_field>& fields) {
  boost::asio::io_context io;
  runner::process_runner runner(io.get_executor());
  runs r;
  runner.async_run(collect::query_gpu_request(options, fields),
                   [&](runner::run_result x) { r.gpus = std::move(x); });
  runner.async_run(collect::compute_apps_request(options),
                   [&](runner::run_result x) { r.apps = std::move(x); });
  runner.async_run(collect::list_gpus_request(options),
                   [&](runner::run_result x) { r.list = std::move(x); });
  io.run();
  return r;
}

void add_processes(const collect::collector_options& options, collect::snapshot& s) {
  std::vector<std::int64_t> pids;
  for (const auto& app : s.apps)
    if (app.pid) pids.push_back(*app.pid);
  if (options.host_root.empty() || pids.empty()) return;
  system::system_sampler host(options.host_root, options.host_procfs);
  s.app_processes = host.processes(pids, std::chrono::steady_clock::now());
}

}  // namespace

reading read_machine_once(const collect::collector_options& options) {
  const auto fields = nvgpu_fields();
  const auto started = collect::wall_clock::now();
  auto r = run_side_by_side(options, fields);
  reading out;
  auto& s = out.snapshot;
  auto gpus = collect::read_gpu_query(r.gpus, fields);
  if (!gpus.table) {
    out.error = gpus.error.value_or(
        collect::collection_error{collect::collection_failure::parse_error, 0, "no GPU data"});
    return out;
  }
  s.gpus = std::move(*gpus.table);
  s.sampled_at = started;
  s.health.last_attempt = started;
  s.health.last_success = started;
  s.health.last_error = gpus.error;  // gpu_lost beside the GPUs that answered
  collect::apply_list_gpus(s.facts, r.list);
  auto apps = collect::read_compute_apps(r.apps);
  s.health.processes.last_attempt = started;
  s.health.processes.last_error = apps.error;
  if (apps.apps) {
    s.apps = std::move(*apps.apps);
    s.health.processes.last_success = started;
    add_processes(options, s);
  }
  return out;
}

}  // namespace smistat::cli
