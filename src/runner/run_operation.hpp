#pragma once
// One run of one program: spawn, drain both pipes, reap, and enforce the deadline and byte cap.

#include <array>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/process/v2/process.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "src/runner/process_runner.hpp"
#include "src/runner/run_result.hpp"
#include "src/runner/spawn.hpp"
#include "src/runner/unique_fd.hpp"

namespace smistat::runner::detail {

class run_registry;

/** The state machine of one run. Every member is touched only on the run's strand. */
class run_operation : public std::enable_shared_from_this<run_operation> {
 public:
  /** `handler_executor` receives the completion; the run itself works on a strand of it. */
  run_operation(boost::asio::any_io_executor handler_executor, run_request request,
                run_handler handler, runner_options options,
                std::shared_ptr<run_registry> registry);
  /** Kills the group and lets the process object reap it if the run never got that far. */
  ~run_operation();
  run_operation(const run_operation&) = delete;
  run_operation& operator=(const run_operation&) = delete;

  /** Starts the run; `id` is this run's key in the registry. */
  void start(std::uint64_t id);
  /** Ends the run early as timed_out; callable from any thread. */
  void cancel();

 private:
  /// running: child alive; lingering: child reaped, a grandchild holds the pipes;
  /// terminating: SIGTERM sent; killing: SIGKILL sent and pipes abandoned.
  enum class phase { running, lingering, terminating, killing, done };
  enum class stop_reason { none, timed_out, output_too_large };
  using clock = std::chrono::steady_clock;
  using error_code = boost::system::error_code;

  struct stream {
    explicit stream(const boost::asio::any_io_executor& executor) : pipe(executor) {}
    boost::asio::readable_pipe pipe;
    std::string data;
    std::array<char, 16 * 1024> chunk{};
  };

  void do_start();
  bool launch();
  bool open_pipe(stream& s, unique_fd& write_end);
  bool adopt(spawn_outcome& child);
  void do_read(stream& s);
  void on_read(stream& s, error_code ec, std::size_t n);
  void do_wait();
  void on_wait(error_code ec);
  void arm_timer(clock::time_point at);
  void on_timer(error_code ec, std::uint64_t generation);
  void on_cancel();
  void begin_termination();
  void begin_kill();
  void end_linger();
  void signal_group(int sig) noexcept;
  void close_pipes() noexcept;
  void maybe_finish();
  void finish(run_result result);
  run_result make_result();
  void fail_spawn(std::string error);

  boost::asio::any_io_executor handler_executor_;
  boost::asio::strand<boost::asio::any_io_executor> strand_;
  run_request request_;
  run_handler handler_;
  runner_options options_;
  std::shared_ptr<run_registry> registry_;
  std::uint64_t id_ = 0;

  stream out_;
  stream err_;
  std::optional<boost::process::v2::process> process_;
  boost::asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;

  phase phase_ = phase::running;
  stop_reason reason_ = stop_reason::none;
  bool cancelled_ = false;
  bool reaped_ = false;
  bool wait_failed_ = false;
  int wait_status_ = 0;
  int pid_ = -1;
  clock::time_point started_{};
  clock::time_point deadline_{};
};

}  // namespace smistat::runner::detail
