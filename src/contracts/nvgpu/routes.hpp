#pragma once
// Contract 004, nvgpu: the agent's `GET /gpu_status` for this machine, and the master's
// `/cluster_status` and table page `/ui/table` over every agent of AGENTS
// (docs/contracts/nvgpu.md).

#include <boost/asio/any_io_executor.hpp>

#include "src/config/config.hpp"
#include "src/contracts/kit/route_kit.hpp"
#include "src/contracts/nvgpu/cluster_poller.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** This machine's answer for `self` in AGENTS: what GET /gpu_status serves, or the collection
 *  error while there is no GPU data yet (nvgpu's `self` would fail the whole view). */
app::self_agent this_machine_agent();

/** Registers /gpu_status, /cluster_status and /ui/table. Agent fetches run on `executor` (the
 *  HTTP threads: a fetch only ever waits asynchronously); `self` answers for this machine. */
void add_nvgpu_routes(http::router& r, const config& cfg, snapshot_source data,
                      boost::asio::any_io_executor executor, app::self_agent self);

}  // namespace smistat::contracts
