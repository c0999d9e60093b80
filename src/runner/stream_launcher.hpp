#pragma once
// The seam for long-lived children whose stdout is consumed while they run (the loop collection
// mode's `nvidia-smi ... -lms N`). The collector depends on this; its tests fake it.

#include <boost/asio/any_io_executor.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/runner/run_result.hpp"

namespace smistat::runner {

/** A program to keep running: argv only, never a shell. */
struct stream_request {
  std::string program;
  std::vector<std::string> args;
  /// stderr kept, the last bytes: those say why the child ended.
  std::size_t max_stderr_bytes = 64 * 1024;
  /// stdout is not watched: it waits in the pipe until the owner asks for it
  /// (stream_handle::read_ready), and what is left when the child ends goes to the output
  /// handler before the exit handler. A child that prints on its own cadence then wakes its
  /// owner only when the owner wakes anyway.
  bool read_when_asked = false;
  /// Where the output and exit handlers run, serialised: the owner's strand, so that they may
  /// touch the owner's state without a trip through the scheduler of their own. It must be a
  /// strand (or an executor run by one thread): the stream serialises nothing on top of it.
  /// A strand of the launcher's executor when unset.
  std::optional<boost::asio::any_io_executor> executor;
};

/** How a stream ended. */
struct stream_exit {
  /// exited or killed_by_signal when the child ended by itself; timed_out when we ended it
  /// (stopped_by_us, as process_runner reports a cancelled run); spawn_failed when it never ran.
  run_outcome outcome = run_outcome::exited;
  int exit_code = -1;          ///< valid when outcome == exited
  int signal = 0;              ///< the signal that ended the child, ours or not; 0 if it exited
  std::string err;             ///< the last max_stderr_bytes of stderr
  std::string spawn_error;     ///< errno text for spawn_failed ("No such file or directory")
  int pid = -1;                ///< the child's pid (and process group id); -1 when never started
  bool stopped_by_us = false;  ///< stop(), cancel_all() or dropping the handle ended it
};

/** A started stream. Dropping the last reference stops the child as stop() does; the exit
 *  handler still runs. */
class stream_handle {
 public:
  virtual ~stream_handle() = default;
  /** The child's pid (and process group id); -1 when the spawn failed. */
  virtual int pid() const = 0;
  /** SIGTERM to the child's group, SIGKILL after the kill grace. Idempotent, callable from any
   *  thread; the exit handler still runs, once. */
  virtual void stop() = 0;
  /** For a stream started with `read_when_asked`: appends to `into` what the child has printed
   *  and nobody read yet, without waiting, on the calling thread. Any other stream hands its
   *  output to the output handler, and this appends nothing. */
  virtual void read_ready(std::string& into) { (void)into; }
};

/** Raw stdout bytes as read, in order; the view is valid only during the call. */
using stream_output_handler = std::function<void(std::string_view bytes)>;
/** Runs exactly once, after the child is reaped and its stdout drained (or abandoned). */
using stream_exit_handler = std::function<void(stream_exit)>;

/** Starts long-lived children. */
class stream_launcher {
 public:
  virtual ~stream_launcher() = default;
  /** Starts `request`. `on_output` runs for each chunk of stdout, then `on_exit` once, never
   *  concurrently for one stream and never inside start(). A failed spawn is reported through
   *  `on_exit` too. Both run even if the handle is dropped, so capture what they need. */
  virtual std::shared_ptr<stream_handle> start(stream_request request,
                                               stream_output_handler on_output,
                                               stream_exit_handler on_exit) = 0;
  /** Stops every stream started and not yet ended (used at shutdown). */
  virtual void cancel_all() = 0;
};

}  // namespace smistat::runner
