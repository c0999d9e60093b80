#pragma once
// The real runner: starts programs with Boost.Process v2 on an Asio executor.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>

#include "src/runner/run_result.hpp"

namespace smistat::runner {

namespace detail {
class run_registry;
}

/** Timing of the kill escalation; the defaults suit nvidia-smi, tests shorten them. */
struct runner_options {
  /// After SIGTERM, how long the group may take to exit before SIGKILL; after SIGKILL, how long
  /// we wait for the reap before completing anyway (a child stuck in the driver may never die).
  std::chrono::milliseconds kill_grace{500};
  /// After the child exits, how long its pipes may stay open (held by a grandchild) before we
  /// kill the group, abandon the pipes and report the child's own exit status.
  std::chrono::milliseconds drain_linger{200};
};

/** Runs argv vectors (never a shell) with a deadline, a per-stream byte cap and a kill
 *  escalation (SIGTERM to the child's process group, then SIGKILL). Every child is reaped,
 *  and each run has its own strand, so the executor may be run by many threads. */
class process_runner final : public async_runner {
 public:
  /** Handlers are posted to `executor`; runs are driven on strands of it. */
  explicit process_runner(boost::asio::any_io_executor executor, runner_options options = {});
  ~process_runner() override;
  process_runner(const process_runner&) = delete;
  process_runner& operator=(const process_runner&) = delete;

  /** Starts `request`; `handler` gets the result exactly once, on the executor. */
  void async_run(run_request request, run_handler handler) override;
  /** Ends every run in flight as timed_out with cancelled set (used at shutdown). */
  void cancel_all() override;
  /** Runs started and not yet completed. */
  std::size_t runs_in_flight() const;

 private:
  boost::asio::any_io_executor executor_;
  runner_options options_;
  std::shared_ptr<detail::run_registry> registry_;
};

}  // namespace smistat::runner
