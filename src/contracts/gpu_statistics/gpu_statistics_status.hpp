#pragma once
// The status bodies of contract 000: `/` (help), `/health` and `/config`. They carry the time of
// the request, so they are rendered per request rather than once per generation.

#include <string>

#include "src/collect/snapshot.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"

namespace smistat::render {

/** `GET /`: the static help document. */
std::string render_home(const collect::snapshot& s, const gpu_statistics_settings& settings,
                        collect::wall_clock::time_point now);

/** `GET /health`: the 000 body plus smistat's `collection` block; `degraded` when collection
 *  is failing, the data is stale, or a GPU is lost. */
std::string render_health(const collect::snapshot& s, const gpu_statistics_settings& settings,
                          collect::wall_clock::time_point now);

/** `GET /config`: the reported settings and the CUDA_VISIBLE_DEVICES filter state. */
std::string render_config(const collect::snapshot& s, const gpu_statistics_settings& settings,
                          collect::wall_clock::time_point now);

}  // namespace smistat::render
