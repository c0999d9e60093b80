#pragma once
// Contract 000's settings, taken from the configuration here so that its renderers never see it.

#include "src/config/config.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"

namespace smistat::contracts {

/** What contract 000's `/` and `/config` report, and the parsed CUDA_VISIBLE_DEVICES. */
render::gpu_statistics_settings gpu_statistics_settings_from(const config& cfg);

}  // namespace smistat::contracts
