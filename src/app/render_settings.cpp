#include "src/app/render_settings.hpp"

#include <stdexcept>
#include <utility>

#include "src/render/visible_devices.hpp"

namespace smistat::app {

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

render::metrics_settings metrics_settings_from(const config& cfg, std::string hostname) {
  render::metrics_settings s;
  if (cfg.metrics_profile == "dcgm")
    s.profile = render::metrics_profile::dcgm;
  else if (cfg.metrics_profile == "nvidia_smi")
    s.profile = render::metrics_profile::nvidia_smi;
  else
    throw std::invalid_argument("unknown metrics profile: " + cfg.metrics_profile);
  if (cfg.hostname_label == "off")
    s.hostname_label.clear();
  else if (cfg.hostname_label == "Hostname" || cfg.hostname_label == "hostname")
    s.hostname_label = cfg.hostname_label;
  else
    throw std::invalid_argument("unknown hostname label: " + cfg.hostname_label);
  s.hostname = std::move(hostname);
  return s;
}

}  // namespace smistat::app
