#pragma once
// One nvidia-smi run whose answer continues on the collector's strand. Every part of the
// collection runs its commands this way, so their state needs no lock.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <functional>

#include "src/collect/snapshot.hpp"
#include "src/runner/run_result.hpp"

namespace smistat::collect {

/** The collection's serial executor: every part of the collection runs on it, one handler at a
 *  time, so their state needs no lock. A strand, or the executor of an io_context that one
 *  thread runs, as the server's is (such a context serialises by itself: a strand on it would
 *  only add a queue, a lock and a second dispatch to every completion of every sample). */
using collect_strand = boost::asio::any_io_executor;

/** When a run started, by both clocks: the steady one times it, the wall one is reported. */
struct run_start {
  std::chrono::steady_clock::time_point steady;
  wall_clock::time_point wall;

  static run_start now() { return {std::chrono::steady_clock::now(), wall_clock::now()}; }
  /** Seconds from the start until now. */
  double seconds_since() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - steady).count();
  }
};

/** Continues a run on the strand with its result and start. Captures in `step` keep its owner
 *  alive until then. */
using run_step = std::function<void(const runner::run_result& r, const run_start& started)>;

/** Starts `request` now; `step` runs on `strand`. An exception out of `step` is logged: a bug
 *  in reading one output costs that reading, never the collector. */
void run_on_strand(const collect_strand& strand, runner::async_runner& runner,
                   runner::run_request request, run_step step);

}  // namespace smistat::collect
