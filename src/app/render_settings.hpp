#pragma once
// The renderers' settings, taken from the configuration here so that render never sees it.

#include <string>

#include "src/config/config.hpp"
#include "src/render/gpu_statistics_server.hpp"
#include "src/render/metrics_gpu.hpp"

namespace smistat::app {

/** What contract 000's `/` and `/config` report, and the parsed CUDA_VISIBLE_DEVICES. */
render::gpu_statistics_settings gpu_statistics_settings_from(const config& cfg);

/** The /metrics GPU profile and labels; throws std::invalid_argument for an unknown profile or
 *  hostname label (load_config rejects them first, so this is a wiring error). */
render::metrics_settings metrics_settings_from(const config& cfg, std::string hostname);

}  // namespace smistat::app
