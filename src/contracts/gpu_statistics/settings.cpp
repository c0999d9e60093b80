#include "src/contracts/gpu_statistics/settings.hpp"

#include "src/contracts/gpu_statistics/visible_devices.hpp"

namespace smistat::contracts {

render::gpu_statistics_settings gpu_statistics_settings_from(const config& cfg) {
  render::gpu_statistics_settings s;
  s.host = cfg.host;
  s.port = cfg.port;
  s.reload = cfg.reload;
  s.log_level = cfg.log_level;
  s.access_log = cfg.access_log;
  s.workers = cfg.workers;
  s.title = cfg.title;
  s.version = cfg.version;
  s.docs_url = cfg.docs_url;
  s.redoc_url = cfg.redoc_url;
  s.enable_cors = cfg.enable_cors;
  s.api_prefix = cfg.api_prefix;
  s.refresh_interval = cfg.refresh_interval;
  s.max_history = cfg.max_history;
  s.cuda_visible_devices = cfg.cuda_visible_devices;
  s.visible_gpu_ids = render::parse_visible_devices(cfg.cuda_visible_devices);
  return s;
}

}  // namespace smistat::contracts
