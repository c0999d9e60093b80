#pragma once
// The access log's lines, gathered per io_context and written in batches. Each io_context of the
// server is run by exactly one thread (io_threads), so a buffer that belongs to the io_context is
// a per-thread buffer: appending takes no lock, unlike a buffer shared by the threads, and unlike
// thread_local storage it is reachable from the io_context's own shutdown, so a clean stop
// writes what is left. A flush is posted to the io_context with the first line of a batch: it
// runs once the handlers already queued have run, so a burst of requests becomes one write, and
// a lone request's line is written as soon as its thread has nothing else queued.

#include <chrono>
#include <string>

#include "src/common/log_line.hpp"
#include "src/http/access_log.hpp"
#include "src/http/net.hpp"

namespace smistat::http {

/** An io_context's access-log lines not written yet; used only by that io_context's thread. */
class access_log_buffer : public net::execution_context::service {
 public:
  using key_type = access_log_buffer;
  /** Identifies the service in an io_context's registry. */
  static net::execution_context::id id;

  /** Created by `of`, once per io_context. */
  explicit access_log_buffer(net::io_context& owner);
  ~access_log_buffer() override;
  access_log_buffer(const access_log_buffer&) = delete;
  access_log_buffer& operator=(const access_log_buffer&) = delete;

  /** The buffer of the io_context `executor` runs on (created on first use). The lookup takes
   *  the io_context's registry lock: a connection does it once, not once per request. */
  static access_log_buffer& of(const connection_executor& executor);

  /** Adds the line for `e` (now, in the logger's format) when info logging is on. */
  void add(const access_entry& e);
  /** Adds the line for `e` as written at `when` in format `f`, whatever the log level. */
  void add(log::format f, std::chrono::system_clock::time_point when, const access_entry& e);
  /** Writes every line added so far. */
  void flush() noexcept;

 private:
  /** Called when the io_context is destroyed: writes what is left, and every later line at
   *  once (handlers destroyed with the io_context may still log). */
  void shutdown() override;
  void write_out(std::size_t bytes) noexcept;

  net::io_context& context_;
  std::string pending_;  ///< whole lines; its capacity is kept from one batch to the next
  bool flush_posted_ = false;
  bool shut_down_ = false;
};

}  // namespace smistat::http
