#include "src/collect/collector_options.hpp"

namespace smistat::collect {

collector_options options_from(const config& cfg) {
  collector_options o;
  o.program = cfg.nvidia_smi;
  o.mode = cfg.mode;
  o.refresh_interval = std::chrono::duration<double>(cfg.refresh_interval);
  o.run_timeout = cfg.collect_timeout;
  return o;
}

const char* mode_name(collect_mode m) noexcept {
  switch (m) {
    case collect_mode::interval: return "interval";
    case collect_mode::on_demand: return "on-demand";
  }
  return "interval";
}

}  // namespace smistat::collect
