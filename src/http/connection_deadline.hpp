#pragma once
// One deadline per connection for whichever phase it is in (handshake, reading a request,
// writing an answer, lingering), kept on one timer that is set again only when it fires.
//
// Beast's stream timeouts arm a timer before every read and write and cancel it after: two more
// handlers and two timer-queue updates per request, about 6 % of what a cached answer costs a
// keep-alive connection. Here a phase only notes its due time; the timer, when it fires before
// that time, waits again until it. Expiry cancels the connection's I/O, and the handlers that
// then see operation_aborted ask expired() whether it was the deadline.

#include <chrono>
#include <functional>
#include <memory>

#include "src/http/net.hpp"

namespace smistat::http {

class connection_deadline {
 public:
  using clock = std::chrono::steady_clock;

  explicit connection_deadline(const connection_executor& executor) : timer_(executor) {}

  /** What expiry does (on the connection's thread); nothing runs once `owner` is gone. */
  void on_expiry(std::weak_ptr<void> owner, std::function<void()> expire);
  /** The phase starting now must end within `d`. */
  void expires_after(clock::duration d);
  /** No deadline (an answer is awaited, and no I/O is pending). */
  void expires_never() noexcept { due_ = clock::time_point::max(); }
  /** The connection closed or was handed over: the timer stops. */
  void cancel();
  /** The last phase ran out of time (until the next expires_after). */
  bool expired() const noexcept { return expired_; }

 private:
  void wait();
  void on_timer();

  net::basic_waitable_timer<clock, net::wait_traits<clock>, connection_executor> timer_;
  clock::time_point due_ = clock::time_point::max();
  std::weak_ptr<void> owner_;
  std::function<void()> expire_;
  bool waiting_ = false;
  bool expired_ = false;
  bool cancelled_ = false;
};

}  // namespace smistat::http
