#pragma once
// One run of one program: spawn, drain both pipes, reap, and enforce the deadline and byte cap.

#include <array>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstdint>
#include <memory>

#include "src/runner/child_supervisor.hpp"
#include "src/runner/live_registry.hpp"
#include "src/runner/run_result.hpp"
#include "src/runner/runner_options.hpp"

namespace smistat::runner::detail {

class run_operation;
using run_registry = live_registry<run_operation>;

/** The state machine of one run. Every member is touched only on the run's strand. */
class run_operation : public std::enable_shared_from_this<run_operation> {
 public:
  /** `handler_executor` receives the completion; the run itself works on a strand of it. */
  run_operation(boost::asio::any_io_executor handler_executor, run_request request,
                run_handler handler, runner_options options,
                std::shared_ptr<run_registry> registry);
  run_operation(const run_operation&) = delete;
  run_operation& operator=(const run_operation&) = delete;

  /** Starts the run; `id` is this run's key in the registry. */
  void start(std::uint64_t id);
  /** Ends the run early as timed_out; callable from any thread. */
  void cancel();

 private:
  enum class stop_reason { none, timed_out, output_too_large };
  using clock = std::chrono::steady_clock;
  using error_code = boost::system::error_code;

  struct stream {
    explicit stream(boost::asio::readable_pipe& p) : pipe(p) {}
    boost::asio::readable_pipe& pipe;  ///< owned by the supervisor's child
    std::string data;
    std::array<char, 16 * 1024> chunk{};
  };

  void do_start();
  void do_read(stream& s);
  void on_read(stream& s, error_code ec, std::size_t n);
  void on_deadline();
  void on_over(bool given_up);
  void on_cancel();
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

  child_supervisor supervisor_;
  stream out_;
  stream err_;

  bool done_ = false;
  stop_reason reason_ = stop_reason::none;
  bool cancelled_ = false;
  clock::time_point started_{};
  clock::time_point deadline_{};
};

}  // namespace smistat::runner::detail
