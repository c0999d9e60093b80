#pragma once
// The real runner: starts programs and waits for them (Boost.Process v2) on an Asio executor.

#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "src/runner/run_result.hpp"
#include "src/runner/runner_options.hpp"

namespace smistat::runner {

namespace detail {
class run_operation;
template <class Operation>
class live_registry;
}  // namespace detail

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
  std::shared_ptr<detail::live_registry<detail::run_operation>> registry_;
};

}  // namespace smistat::runner
