#pragma once
// A runner that never starts a process: each request is answered from a script keyed by its
// argv, or by a responder function, optionally after a delay on an Asio timer. It records
// every run and how many were in flight at once.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "src/runner/run_result.hpp"

namespace smistat::test {

/** One scripted answer. */
struct scripted_run {
  runner::run_result result;
  std::chrono::milliseconds delay{0};
};

/** An exit with `out` on stdout. */
scripted_run exited(int code, std::string out, std::chrono::milliseconds delay = {});
/** A run of an outcome other than `exited` (spawn_failed, timed_out, ...). */
scripted_run ended(runner::run_outcome outcome);

/** Answers requests no script matched; receives argv[1..]. */
using responder = std::function<scripted_run(const std::vector<std::string>& args)>;

class fake_runner : public runner::async_runner {
 public:
  explicit fake_runner(boost::asio::any_io_executor executor, responder fallback = {});

  /** Queues answers for runs whose args, joined by spaces, start with `key` (`""` matches
   *  only the argument-less run). The last answer of a key repeats once the others are used. */
  void script(std::string key, std::vector<scripted_run> answers);
  void set_fallback(responder fallback) { fallback_ = std::move(fallback); }

  void async_run(runner::run_request request, runner::run_handler handler) override;
  void cancel_all() override;

  /** Every request, in order. */
  const std::vector<runner::run_request>& requests() const { return requests_; }
  /** Runs whose joined args start with `prefix` (`""`: the argument-less ones). */
  std::size_t count(std::string_view prefix) const;
  int max_in_flight() const { return max_in_flight_; }
  /** The most runs of one command (`--query-gpu`, `-q`, ...) ever in flight at once: each part
   *  of the collection has its own single flight. */
  int max_alike_in_flight() const { return max_alike_in_flight_; }
  int cancels() const { return cancels_; }

 private:
  struct pending;
  scripted_run answer_for(const std::vector<std::string>& args);
  void complete(const std::shared_ptr<pending>& p);

  boost::asio::any_io_executor executor_;
  responder fallback_;
  std::vector<std::pair<std::string, std::deque<scripted_run>>> scripts_;
  std::vector<runner::run_request> requests_;
  std::vector<std::shared_ptr<pending>> pending_;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  int max_alike_in_flight_ = 0;
  int cancels_ = 0;
};

/** The command of a joined argument list: its first word up to `=` (`--query-gpu`). */
std::string command_of(const std::string& joined_args);

/** `args` joined by single spaces. */
std::string join_args(const std::vector<std::string>& args);

}  // namespace smistat::test
