#pragma once
// smistat's own routes, which no original had: the probes /-/healthy and /-/ready, the
// dashboard /ui, /gpu/history (the last --max-history samples for charts), /openapi.json and
// the /docs and /redoc pages (docs/contracts/smistat.md).

#include <memory>
#include <string>
#include <vector>

#include "src/config/config.hpp"
#include "src/contracts/kit/route_kit.hpp"
#include "src/history/gpu_history_ring.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** The probes' paths, which `--auth-all` leaves open unless `--auth-probes`. */
std::vector<std::string> probe_paths();

/** Registers the probes, /ui and /gpu/history (`history` fed by the snapshot history from the
 *  store's publish notifications; null serves an empty history). The API description comes last,
 * from api_description_routes.hpp. */
void add_smistat_routes(http::router& r, const config& cfg, current_snapshot current,
                        std::shared_ptr<const history::gpu_history_ring> history);

}  // namespace smistat::contracts
