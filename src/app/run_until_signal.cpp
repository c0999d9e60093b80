#include "src/app/run_until_signal.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <csignal>
#include <string>

#include "src/common/log.hpp"

namespace smistat::app {

namespace net = boost::asio;

void run_until_signal(collection_service& collection, http_front& front) {
  net::signal_set signals(front.main_io(), SIGINT, SIGTERM);
  net::steady_timer stop_deadline(front.main_io());
  signals.async_wait([&](boost::system::error_code ec, int signo) {
    if (ec) return;
    log::info(std::string("received ") + (signo == SIGINT ? "SIGINT" : "SIGTERM") +
              ", shutting down");
    front.stop();
    collection.stop();
    // A response stuck on a client that stopped reading must not hold the exit up.
    stop_deadline.expires_after(std::chrono::milliseconds(900));
    stop_deadline.async_wait([&](boost::system::error_code e) {
      if (!e) front.stop_now();
    });
  });

  // Before listening: the first host reading is published synchronously by start().
  collection.start();
  front.start();

  front.run();
  stop_deadline.cancel();
  collection.join();
  log::info("stopped");
}

}  // namespace smistat::app
