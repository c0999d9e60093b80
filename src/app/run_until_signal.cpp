#include "src/app/run_until_signal.hpp"

#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "src/common/log.hpp"
#include "src/system/startup_pages.hpp"

namespace smistat::app {
namespace {

namespace net = boost::asio;

/** Stops the HTTP threads if they have not finished by themselves within the grace period: a
 *  response stuck on a client that stopped reading must not hold the exit up. It waits on a
 *  thread of its own because a timer on an HTTP context would itself keep that context busy
 *  until it fired, so every stop would take the whole grace period. */
class stop_deadline {
 public:
  explicit stop_deadline(http_front& front) : front_(front) {}
  stop_deadline(const stop_deadline&) = delete;
  stop_deadline& operator=(const stop_deadline&) = delete;
  ~stop_deadline() { finished(); }

  void start(std::chrono::milliseconds grace) {
    if (watcher_) return;  // one grace period, however many signals come
    watcher_.emplace([this, grace] {
      std::unique_lock lock(mutex_);
      if (!done_changed_.wait_for(lock, grace, [this] { return done_; })) front_.stop_now();
    });
  }

  /** The HTTP threads returned; the watcher ends at once. */
  void finished() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_changed_.notify_all();
    if (watcher_ && watcher_->joinable()) watcher_->join();
  }

 private:
  http_front& front_;
  std::mutex mutex_;
  std::condition_variable done_changed_;
  bool done_ = false;
  std::optional<std::thread> watcher_;
};

}  // namespace

void run_until_signal(collection_service& collection, http_front& front) {
  net::signal_set signals(front.main_io(), SIGINT, SIGTERM);
  stop_deadline deadline(front);
  signals.async_wait([&](boost::system::error_code ec, int signo) {
    if (ec) return;
    log::info(std::string("received ") + (signo == SIGINT ? "SIGINT" : "SIGTERM") +
              ", shutting down");
    front.stop();
    collection.stop();
    deadline.start(std::chrono::milliseconds(900));
  });

  // Before listening: the first host reading is published synchronously by start().
  collection.start();
  front.start();
  // Start-up is over: what it alone ran (options, configuration, TLS set-up, relocation) need
  // not stay mapped for the life of the server.
  const auto pages = system::release_startup_pages();
  log::debug("released start-up pages",
             {{"released_kib", pages.released / 1024}, {"mapped_kib", pages.mapped / 1024}});

  front.run();
  deadline.finished();
  collection.join();
  log::info("stopped");
}

}  // namespace smistat::app
