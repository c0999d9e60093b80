#include "src/app/module_options.hpp"

#include <utility>

namespace smistat::app {
namespace {

collect::collect_mode collect_mode_of(smistat::collect_mode m) {
  switch (m) {
    case smistat::collect_mode::interval: return collect::collect_mode::interval;
    case smistat::collect_mode::on_demand: return collect::collect_mode::on_demand;
    case smistat::collect_mode::loop: return collect::collect_mode::loop;
  }
  return collect::collect_mode::interval;
}

}  // namespace

collect::collector_options collector_options_from(const config& cfg, std::string program) {
  collect::collector_options o;
  o.program = std::move(program);
  o.mode = collect_mode_of(cfg.mode);
  o.refresh_interval = collect::seconds(cfg.refresh_interval);
  o.processes_interval = collect::seconds(effective_processes_interval(cfg));
  o.stream_processes = true;
  o.details_interval = collect::seconds(effective_details_interval(cfg));
  o.stream_details = true;
  o.host_interval = collect::seconds(effective_host_interval(cfg));
  o.run_timeout = cfg.collect_timeout;
  o.host_procfs = cfg.path_procfs;
  o.hpc_job_mapping_dir = cfg.hpc_job_mapping_dir;
  return o;
}

http::server_options server_options_from(const config& cfg) {
  http::server_options o;
  o.address = cfg.host;
  o.port = cfg.port;
  o.read_timeout = cfg.read_timeout;
  o.write_timeout = cfg.write_timeout;
  o.max_header_bytes = cfg.max_header_bytes;
  o.max_body_bytes = cfg.max_body_bytes;
  o.access_log = cfg.access_log;
  o.max_streams = cfg.max_streams;
  return o;
}

}  // namespace smistat::app
