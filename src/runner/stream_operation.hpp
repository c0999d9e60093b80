#pragma once
// One long-lived child: stdout handed over chunk by chunk as it is read, stderr kept, and the
// group ended on request.

#include <array>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "src/runner/child_supervisor.hpp"
#include "src/runner/live_registry.hpp"
#include "src/runner/runner_options.hpp"
#include "src/runner/stream_launcher.hpp"
#include "src/runner/unique_fd.hpp"

namespace smistat::runner::detail {

class stream_operation;
using stream_registry = live_registry<stream_operation>;

/** The state machine of one stream. Once start() has returned, every member but the pid is
 *  touched only on the stream's strand, where both handlers run too: the request's executor,
 *  or a strand of the stream's own. */
class stream_operation : public std::enable_shared_from_this<stream_operation> {
 public:
  /** The stream works, and its handlers run, on the request's executor (a strand), or on a
   *  strand of `executor` when the request names none. */
  stream_operation(boost::asio::any_io_executor executor, stream_request request,
                   stream_output_handler on_output, stream_exit_handler on_exit,
                   runner_options options, std::shared_ptr<stream_registry> registry);
  stream_operation(const stream_operation&) = delete;
  stream_operation& operator=(const stream_operation&) = delete;

  /** Launches the child on the calling thread, so pid() is known on return, and registers the
   *  stream; reading, waiting and every handler happen later, on the strand. */
  void start();
  /** The child's pid and group id; -1 when the spawn failed. Fixed once start() has returned. */
  int pid() const noexcept { return pid_; }
  /** SIGTERM to the group, SIGKILL after the kill grace; callable from any thread, repeatedly. */
  void stop();
  /** With `read_when_asked`: appends what stdout holds now, without waiting; any thread. */
  void read_ready(std::string& into);

 private:
  using error_code = boost::system::error_code;

  void do_start();
  void do_read_out();
  void on_read_out(error_code ec, std::size_t n);
  void do_read_err();
  void on_read_err(error_code ec, std::size_t n);
  void on_stop();
  void on_over(bool given_up);
  void finish(stream_exit exit);
  /** Appends what asked_out_ holds now; the caller holds asked_mutex_. */
  void drain_asked(std::string& into);
  stream_exit make_exit();

  /// A strand: the owner's, or one of the stream's own. Not a strand of the owner's strand,
  /// which would take every completion through two queues and two locks.
  boost::asio::any_io_executor strand_;
  stream_request request_;
  stream_output_handler on_output_;
  stream_exit_handler on_exit_;
  runner_options options_;
  std::shared_ptr<stream_registry> registry_;
  std::uint64_t id_ = 0;
  int pid_ = -1;

  child_supervisor supervisor_;
  /// stdout's reads land here: the reactor's, or with `read_when_asked` drain_asked's first
  /// read (under asked_mutex_), never both for one child.
  std::array<char, 16 * 1024> out_chunk_{};
  std::array<char, 4 * 1024> err_chunk_{};
  std::string err_;
  /// With `read_when_asked`, stdout's read end, out of the reactor's sight; read_ready on the
  /// owner's thread and the last read in finish() on the strand share it under the mutex.
  std::mutex asked_mutex_;
  /// The pipe's size asked for a child read when asked: a few of the largest batches.
  static constexpr int asked_pipe_bytes = 1024 * 1024;
  unique_fd asked_out_;

  bool stopped_ = false;
};

}  // namespace smistat::runner::detail
