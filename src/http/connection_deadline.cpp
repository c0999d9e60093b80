#include "src/http/connection_deadline.hpp"

#include <utility>

namespace smistat::http {

void connection_deadline::on_expiry(std::weak_ptr<void> owner, std::function<void()> expire) {
  owner_ = std::move(owner);
  expire_ = std::move(expire);
}

void connection_deadline::expires_after(clock::duration d) {
  due_ = clock::now() + d;
  expired_ = false;
  if (!waiting_ && !cancelled_) wait();
}

void connection_deadline::cancel() {
  cancelled_ = true;
  waiting_ = false;
  timer_.cancel();
}

void connection_deadline::wait() {
  waiting_ = true;
  timer_.expires_at(due_);
  // The handler touches nothing of this object when the wait was cancelled: the timer may be
  // cancelled by its destructor, with the connection gone.
  timer_.async_wait([this, owner = owner_](const boost::system::error_code& ec) {
    if (ec) return;
    const auto keep = owner.lock();
    if (!keep) return;
    on_timer();
  });
}

void connection_deadline::on_timer() {
  waiting_ = false;
  if (cancelled_ || due_ == clock::time_point::max()) return;  // set again by the next phase
  if (clock::now() < due_) return wait();                      // a later phase moved the time since
  expired_ = true;
  if (expire_) expire_();
}

}  // namespace smistat::http
