#pragma once
// The real stream launcher: long-lived children started like process_runner's, their stdout
// read with Asio as it comes.

#include <boost/asio/any_io_executor.hpp>
#include <cstddef>
#include <memory>

#include "src/runner/runner_options.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::runner {

namespace detail {
class stream_operation;
template <class Operation>
class live_registry;
}  // namespace detail

/** Starts argv vectors (never a shell) in their own process group with only stdio inherited,
 *  hands stdout over chunk by chunk on a strand per stream, keeps the tail of stderr, and ends
 *  the group on stop() (SIGTERM, then SIGKILL). Once the child has exited, a grandchild holding
 *  its pipes gets drain_linger before the group is killed. Every child is reaped. */
class process_stream_launcher final : public stream_launcher {
 public:
  /** Streams work, and their handlers run, on strands of `executor`. */
  explicit process_stream_launcher(boost::asio::any_io_executor executor,
                                   runner_options options = {});
  ~process_stream_launcher() override;
  process_stream_launcher(const process_stream_launcher&) = delete;
  process_stream_launcher& operator=(const process_stream_launcher&) = delete;

  std::shared_ptr<stream_handle> start(stream_request request, stream_output_handler on_output,
                                       stream_exit_handler on_exit) override;
  /** Stops every stream not yet ended; they end as timed_out with stopped_by_us set. */
  void cancel_all() override;
  /** Streams started and not yet ended. */
  std::size_t streams_running() const;

 private:
  boost::asio::any_io_executor executor_;
  runner_options options_;
  std::shared_ptr<detail::live_registry<detail::stream_operation>> registry_;
};

}  // namespace smistat::runner
