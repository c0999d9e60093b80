#pragma once
// The status bodies of contract 000: `/` (help), `/health` and `/config`. They carry the time of
// the request, so they are rendered per request rather than once per generation.

#include <cstddef>
#include <optional>
#include <string>

#include "src/collect/kubernetes_report.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/xid_report.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"

namespace smistat::render {

/** `GET /`: the static help document. */
std::string render_home(const collect::snapshot& s, const gpu_statistics_settings& settings,
                        collect::wall_clock::time_point now);

/** What runs at the moment of a request, read live rather than from the snapshot (which is only
 *  as new as its last publish), so a client can tell when collection is quiet. */
struct collection_activity {
  std::size_t runs = 0;           ///< nvidia-smi runs not yet reaped, their pipes not yet closed
  std::size_t loop_children = 0;  ///< loop mode's long-lived children
};

/** `GET /health`: the 000 body plus smistat's `collection` block; `degraded` when collection
 *  is failing, the data is stale, or a GPU is lost. With `activity`, the block ends with
 *  `in_flight`. With `xid`, the body ends with the `xid` block (xid_health.hpp), and with `pods`
 * (--kubernetes) the `kubernetes` block (kubernetes_health.hpp). */
std::string render_health(const collect::snapshot& s, const gpu_statistics_settings& settings,
                          collect::wall_clock::time_point now,
                          const std::optional<collection_activity>& activity = std::nullopt,
                          const collect::xid_report* xid = nullptr,
                          const collect::kubernetes_report* pods = nullptr);

/** `GET /config`: the reported settings and the CUDA_VISIBLE_DEVICES filter state. */
std::string render_config(const collect::snapshot& s, const gpu_statistics_settings& settings,
                          collect::wall_clock::time_point now);

}  // namespace smistat::render
