#include "src/collect/snapshot_store.hpp"

#include <algorithm>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <utility>

namespace smistat::collect {

namespace net = boost::asio;

/** One pending async_wait_until. The deadline timer and the publish race on the waiter's
 *  strand; `done_` decides which of them completes the handler. */
struct snapshot_store::waiter {
  waiter(net::any_io_executor executor, snapshot_condition ready, snapshot_wait_handler handler)
      : strand_(net::make_strand(std::move(executor))),
        timer_(strand_),
        ready_(ready),
        handler_(std::move(handler)) {}

  /** Runs on strand_. */
  void complete(boost::system::error_code ec, snapshot_ptr s) {
    if (done_.exchange(true)) return;
    timer_.cancel();
    auto handler = std::move(handler_);
    handler_ = nullptr;
    handler(ec, std::move(s));
  }

  net::strand<net::any_io_executor> strand_;
  net::steady_timer timer_;
  const snapshot_condition ready_;
  snapshot_wait_handler handler_;
  std::atomic<bool> done_{false};
};

snapshot_store::snapshot_store(snapshot initial) : next_generation_(initial.generation + 1) {
  current_.store(std::make_shared<const snapshot>(std::move(initial)));
}

snapshot_store::~snapshot_store() = default;

snapshot_ptr snapshot_store::current() const noexcept { return current_.load(); }

snapshot_ptr snapshot_store::publish(snapshot next) {
  snapshot_ptr published;
  std::vector<std::shared_ptr<snapshot_listener>> listeners;
  {
    // Stamping and swapping under one lock keeps generations monotonic for readers even if
    // two publishers ever race.
    std::lock_guard lock(mutex_);
    next.generation = next_generation_.fetch_add(1);
    published = std::make_shared<const snapshot>(std::move(next));
    current_.store(published);
    for (const auto& entry : listeners_) listeners.push_back(entry.second);
  }
  for (const auto& listener : listeners) (*listener)(published);
  notify(published);
  return published;
}

void snapshot_store::notify(const snapshot_ptr& published) {
  std::vector<std::shared_ptr<waiter>> ready;
  {
    std::lock_guard lock(mutex_);
    // Waiters that timed out meanwhile are dropped; the rest stay for a later publish.
    std::erase_if(waiters_, [&](const auto& w) {
      if (w->done_.load()) return true;
      if (!w->ready_(*published)) return false;
      ready.push_back(w);
      return true;
    });
  }
  for (auto& w : ready) net::post(w->strand_, [w, published] { w->complete({}, published); });
}

std::uint64_t snapshot_store::subscribe(snapshot_listener listener) {
  std::lock_guard lock(mutex_);
  const auto id = next_listener_id_++;
  listeners_.emplace_back(id, std::make_shared<snapshot_listener>(std::move(listener)));
  return id;
}

void snapshot_store::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

void snapshot_store::async_wait_until(net::any_io_executor executor,
                                      std::chrono::steady_clock::duration timeout,
                                      snapshot_condition ready, snapshot_wait_handler handler) {
  auto w = std::make_shared<waiter>(std::move(executor), ready, std::move(handler));
  {
    // Checked under the lock publish() takes after swapping current_, so a publish cannot
    // slip between the check and the registration.
    std::lock_guard lock(mutex_);
    if (auto now = current_.load(); !ready(*now) && !released_) {
      std::erase_if(waiters_, [](const auto& p) { return p->done_.load(); });
      waiters_.push_back(w);
      w->timer_.expires_after(timeout);
      w->timer_.async_wait([this, w](boost::system::error_code ec) {
        if (ec == net::error::operation_aborted) return;
        w->complete(net::error::timed_out, current());
      });
      return;
    }
  }
  net::post(w->strand_, [this, w] { w->complete({}, current()); });
}

void snapshot_store::release_waiters() {
  std::vector<std::shared_ptr<waiter>> waiting;
  {
    std::lock_guard lock(mutex_);
    released_ = true;
    waiting.swap(waiters_);
  }
  for (auto& w : waiting)
    net::post(w->strand_, [this, w] { w->complete(net::error::operation_aborted, current()); });
}

}  // namespace smistat::collect
