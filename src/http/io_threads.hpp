#pragma once
// The HTTP server's threads as nginx runs its workers: one io_context per thread, each run by
// exactly that thread. A connection is handed to one of them when it is accepted and stays there,
// so its handlers never run concurrently, with no strand and no lock on the request path, and an
// answer ready at once is written from the same thread that read the request.

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "src/http/net.hpp"

namespace smistat::http {

/** `count` single-threaded io_contexts; the first is the caller's (timers, signals, the
 *  listener and every service that is not a connection live there). */
class io_threads {
 public:
  explicit io_threads(unsigned count);
  ~io_threads();
  io_threads(const io_threads&) = delete;
  io_threads& operator=(const io_threads&) = delete;

  /** The first io_context, run by the thread that calls run(). */
  net::io_context& main() noexcept { return *contexts_.front(); }
  /** How many io_contexts (and threads) there are. */
  std::size_t size() const noexcept { return contexts_.size(); }
  /** The executor of the next io_context in turn, for a newly accepted connection.
   *  Thread-safe. */
  connection_executor next() noexcept;

  /** Runs every io_context, each on its own thread, the first on the caller's; returns when all
   *  have run out of work or were stopped. The other io_contexts are kept alive while they have
   *  no connection, until release(). */
  void run();
  /** Lets the other io_contexts end once their connections are done (a graceful stop). */
  void release();
  /** Stops every io_context now (the stop deadline). Thread-safe. */
  void stop();
  /** True once every io_context has run out of work or was stopped. */
  bool stopped() const noexcept;
  /** Makes the io_contexts runnable again after run() returned, to run handlers that were
   *  queued after it (answers that came too late). */
  void restart();

 private:
  std::vector<std::unique_ptr<net::io_context>> contexts_;
  std::vector<std::optional<net::executor_work_guard<connection_executor>>> idle_guards_;
  std::atomic<std::size_t> turn_{0};
};

}  // namespace smistat::http
