#include "src/contracts/prometheus/settings.hpp"

#include <stdexcept>
#include <utility>

namespace smistat::contracts {

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
  s.gpus_expected = cfg.gpus_expected;
  s.processes = cfg.metrics_processes;
  s.processes_max = cfg.metrics_processes_max;
  return s;
}

}  // namespace smistat::contracts
