#pragma once
// The /metrics settings, taken from the configuration here so that the renderers never see it.

#include <string>

#include "src/config/config.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"

namespace smistat::contracts {

/** The /metrics GPU profile and labels; throws std::invalid_argument for an unknown profile or
 *  hostname label (load_config rejects them first, so this is a wiring error). */
render::metrics_settings metrics_settings_from(const config& cfg, std::string hostname);

}  // namespace smistat::contracts
