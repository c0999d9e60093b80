#pragma once
// Routes over more than one snapshot: nvgpu's master views /cluster_status and the table page
// /ui/table (this machine and its agents, from one shared poll) and /gpu/history (the last
// --max-history samples for charts).

#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "src/app/cluster_poller.hpp"
#include "src/app/gpu_history_ring.hpp"
#include "src/config/config.hpp"
#include "src/http/router.hpp"

namespace smistat::app {

/** What these routes read besides the snapshot source. */
struct cluster_inputs {
  /** Where agent fetches run (the HTTP threads: a fetch only ever waits asynchronously). */
  boost::asio::any_io_executor executor;
  /** This machine's answer, for `self` in AGENTS. */
  self_agent self;
  /** Fed from the store's publish notifications; null serves an empty history. */
  std::shared_ptr<const gpu_history_ring> history;
};

/** This machine's answer for `self` in AGENTS: what GET /gpu_status serves, or the collection
 *  error while there is no GPU data yet (nvgpu's `self` would fail the whole view). */
self_agent this_machine_agent();

/** Registers /cluster_status, /ui/table and /gpu/history. */
void add_cluster_routes(http::router& r, const config& cfg, agent_snapshot_source data,
                        cluster_inputs in);

}  // namespace smistat::app
